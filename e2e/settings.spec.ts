import { expect, test } from "@playwright/test";
import { addFault, query, removeFault, signIn, stack } from "./support";

test("only admins see Settings", async ({ page }) => {
  await signIn(page, "hr@demo.test");
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/employees\?denied=1$/);
});

test("an admin registers the return URL: pending until EasyFreelance approves it, then approved", async ({ page, context }) => {
  const url = `${stack().appUrl}/return`;
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const registration = page.getByTestId("registration");
  await expect(registration).toContainText(url);
  await expect(registration).toContainText("Not registered from this portal yet.");

  await page.getByRole("button", { name: "Register return URL" }).click();
  await expect(registration.locator("[data-approval]")).toHaveText("Pending approval");
  await expect(registration).toContainText("by Demo Admin");
  const [pending] = await query<{ upstream_id: string; status: string; requested_url: string; email: string }>(
    `SELECT r.upstream_id, r.status, r.requested_url, s.email FROM return_url_registrations r JOIN staff_users s ON s.id = r.requested_by_id WHERE r.requested_url = $1`,
    [url],
  );
  expect(pending).toMatchObject({ status: "pending", requested_url: url, email: "admin@demo.test" });

  // An EasyFreelance admin approves it, on the sandbox's own page.
  const sandboxPage = await context.newPage();
  await sandboxPage.goto(`${stack().sandboxUrl}/_sandbox`);
  const row = sandboxPage.getByRole("row").filter({ has: sandboxPage.getByText(url, { exact: true }) });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(row).toContainText("approved");
  await sandboxPage.close();

  await page.getByRole("button", { name: "Refresh approval status" }).click();
  await expect(registration.locator("[data-approval]")).toHaveText("Approved");
  const rows = await query<{ upstream_id: string; status: string }>(`SELECT upstream_id, status FROM return_url_registrations WHERE requested_url = $1`, [url]);
  expect(rows).toEqual([{ upstream_id: pending.upstream_id, status: "approved" }]);
});

test("Check credentials says whether EasyFreelance accepts the token and key", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Check credentials" }).click();
  await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "accepted");
  await expect(page.getByRole("status").filter({ hasText: "EasyFreelance accepts the portal's token and API key" })).toBeVisible();

  // The same check when EasyFreelance refuses them.
  const faultId = await addFault({ endpoint: "status", fault: { kind: "unauthorized" }, times: 1 });
  try {
    await page.getByRole("button", { name: "Check credentials" }).click();
    await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "rejected");
    await expect(page.locator("[data-outcome]")).toContainText("EasyFreelance rejected the portal's token and API key (HTTP 401)");
  } finally {
    await removeFault(faultId).catch(() => undefined);
  }
});
