import { expect, test, type Browser } from "@playwright/test";
import { employeeRow, ensureEmployee, query, sandbox, signIn, stack } from "./support";

test("only admins see Settings", async ({ page }) => {
  await signIn(page, "hr@demo.test");
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/employees\?denied=1$/);
});

const sandboxRequests = () => sandbox.requests.list();

/** The id of the newest API call in the sandbox's log: later calls are this test's. */
async function lastRequestId(): Promise<number> {
  return Math.max(0, ...(await sandboxRequests()).map((request) => request.id));
}

/** How many registration requests (POST /verification-return-urls) EasyFreelance received after `afterId`. */
async function registrationsSince(afterId: number): Promise<number> {
  return (await sandboxRequests()).filter((request) => request.id > afterId && request.method === "POST" && request.endpoint === "return_urls")
    .length;
}

/** HR starts a BankID verification in their own browser, then `started` waits for the database. */
async function verifyAsHr(browser: Browser, employee: { efUserId: number; first: string; last: string }, started: () => Promise<void>) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, "hr@demo.test");
    await page.goto(`/employees?q=${encodeURIComponent(employee.last)}`);
    const name = `${employee.first} ${employee.last}`;
    await employeeRow(page, employee.efUserId)
      .getByRole("button", { name: `Verify ${name}` })
      .click();
    // Only what the Verify dialog is sure to keep: the provider and the start button.
    const dialog = page.getByRole("dialog", { name: `Verify ${name}` });
    await dialog.getByLabel("BankID").check();
    await dialog.getByRole("button", { name: "Start verification" }).click();
    await started();
  } finally {
    await context.close();
  }
}

async function latestSessionStatus(employeeId: string): Promise<string | null> {
  const rows = await query<{ status: string }>(`SELECT status FROM verification_sessions WHERE employee_id = $1 ORDER BY created_at DESC LIMIT 1`, [
    employeeId,
  ]);
  return rows[0]?.status ?? null;
}

test("an admin registers the return URL once; approval is learnt from a Verify, not by registering again (defect 6)", async ({
  page,
  context,
  browser,
}) => {
  const url = `${stack().appUrl}/return`;
  // Earlier specs' Verify clicks taught the portal that the (pre-approved) URL works; start from not knowing.
  await query(`DELETE FROM return_url_approvals WHERE url = $1`, [url]);

  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const registration = page.getByTestId("registration");
  const approval = registration.locator("[data-approval]");
  await expect(registration).toContainText(url);
  await expect(registration).toContainText("Not registered from this portal yet.");
  await expect(approval).toHaveAttribute("data-approval", "unknown");
  await expect(page.getByRole("button", { name: "Refresh approval status" })).toHaveCount(0);

  const before = await lastRequestId();
  await page.getByRole("button", { name: "Register return URL" }).click();
  await expect(registration).toContainText("at registration: Pending approval");
  await expect(registration).toContainText("by Demo Admin");
  await expect(approval).toHaveText("Not known yet");
  await expect(page.getByTestId("approval")).toContainText("approval will be learnt from the next Verify");
  const [pending] = await query<{ upstream_id: string; status: string; requested_url: string; email: string }>(
    `SELECT r.upstream_id, r.status, r.requested_url, s.email FROM return_url_registrations r JOIN staff_users s ON s.id = r.requested_by_id WHERE r.requested_url = $1`,
    [url],
  );
  expect(pending).toMatchObject({ status: "pending", requested_url: url, email: "admin@demo.test" });
  expect(await registrationsSince(before)).toBe(1);

  // Defect 6: reloading and pressing every button short of a confirmed "Register again" files nothing.
  await page.reload();
  await expect(page.getByRole("button", { name: "Register return URL" })).toHaveCount(0);
  await page.getByRole("button", { name: "Register again…" }).click();
  await expect(
    page.getByText("This files a new registration request with EasyFreelance; it does not read the status of the existing one."),
  ).toBeVisible();
  const confirm = page.getByRole("checkbox", { name: "I understand this files a new request" });
  const registerAgain = page.getByRole("button", { name: "Register again", exact: true });
  await registerAgain.click(); // not confirmed: the browser does not submit
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Check credentials" }).click();
  await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "accepted");
  await page.getByRole("button", { name: "Register again…" }).click();
  // Past the browser's check, the server refuses an unconfirmed request itself.
  await confirm.evaluate((box) => box.removeAttribute("required"));
  await registerAgain.click();
  await expect(page.getByRole("alert").filter({ hasText: `${url} is already registered from this portal.` })).toBeVisible();
  expect(await registrationsSince(before)).toBe(1);

  // Only the confirmed action files a second request.
  await confirm.check();
  await registerAgain.click();
  await expect(page.getByRole("status").filter({ hasText: "New registration request filed" })).toBeVisible();
  expect(await registrationsSince(before)).toBe(2);

  // An EasyFreelance admin approves it, on the sandbox's own page. Settings cannot read that...
  const sandboxPage = await context.newPage();
  await sandboxPage.goto(`${stack().sandboxUrl}/_sandbox`);
  const row = sandboxPage.getByRole("row").filter({ has: sandboxPage.getByText(url, { exact: true }) });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(row).toContainText("approved");
  await sandboxPage.close();
  await page.reload();
  await expect(approval).toHaveAttribute("data-approval", "unknown");

  // ...until a verification starts with the return URL.
  const employeeId = await ensureEmployee(7601, "Setta", "Approvedurl");
  await verifyAsHr(browser, { efUserId: 7601, first: "Setta", last: "Approvedurl" }, () =>
    expect.poll(() => latestSessionStatus(employeeId), { timeout: 20_000 }).toBe("pending"),
  );
  await page.reload();
  await expect(approval).toHaveAttribute("data-approval", "approved");
  await expect(page.getByTestId("approval")).toContainText(/^Approved — learnt .+ when a verification started with this return URL\.$/);
  expect(await registrationsSince(before)).toBe(2);

  // Readable at 360 px: Settings' sections fit the screen and nothing in them scrolls sideways (the shared
  // header is the layout's business).
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await page.getByRole("button", { name: "Register again…" }).click();
  await expect(confirm).toBeVisible();
  const overflowing = await page.locator("main section").evaluateAll((sections) =>
    sections.flatMap((section) => {
      const box = section.getBoundingClientRect();
      return box.right > 360 || section.scrollWidth > section.clientWidth ? [section.getAttribute("aria-labelledby")] : [];
    }),
  );
  expect(overflowing).toEqual([]);
});

test("a Verify refused for the return URL makes Settings say it is not approved", async ({ page, browser }) => {
  const employeeId = await ensureEmployee(7602, "Setta", "Refusedurl");
  const faultId = (await sandbox.faults.add({ endpoint: "flows", userId: 7602, fault: { kind: "validation" }, times: 1 })).id;
  try {
    await verifyAsHr(browser, { efUserId: 7602, first: "Setta", last: "Refusedurl" }, () =>
      expect.poll(() => latestSessionStatus(employeeId), { timeout: 20_000 }).toBe("failed"),
    );
  } finally {
    await sandbox.faults.remove(faultId);
  }
  await signIn(page, "admin@demo.test");
  await page.goto("/settings");
  await expect(page.getByTestId("registration").locator("[data-approval]")).toHaveAttribute("data-approval", "not_approved");
  await expect(page.getByTestId("approval")).toContainText(
    /^Not approved — learnt .+ when EasyFreelance refused a verification with this return URL\./,
  );
});

test("Check credentials says whether EasyFreelance accepts the token and key", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Check credentials" }).click();
  await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "accepted");
  await expect(page.getByRole("status").filter({ hasText: "EasyFreelance accepts the portal's token and API key" })).toBeVisible();

  // The same check when EasyFreelance refuses them.
  const faultId = (await sandbox.faults.add({ endpoint: "status", fault: { kind: "unauthorized" }, times: 1 })).id;
  try {
    await page.getByRole("button", { name: "Check credentials" }).click();
    await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "rejected");
    await expect(page.locator("[data-outcome]")).toContainText("EasyFreelance rejected the portal's token and API key (HTTP 401)");
  } finally {
    await sandbox.faults.remove(faultId);
  }
});
