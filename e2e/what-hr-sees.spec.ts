// "What HR sees is true": each defect of the issue, reproduced through the real flow. Each test failed on
// the code before the fix (see the note) and passes after it.
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { confirmReverifyIfAsked, employeeRow, ensureEmployee, query, sandbox, signIn } from "./support";

type Employee = { efUserId: number; first: string; last: string };
const nameOf = (e: Employee) => `${e.first} ${e.last}`;

async function openVerify(page: Page, e: Employee): Promise<Locator> {
  // Found by name: other specs add employees, so the first page of the list may not hold them.
  if (!new URL(page.url()).searchParams.has("q")) await page.goto(`/employees?q=${encodeURIComponent(e.last)}`);
  await employeeRow(page, e.efUserId)
    .getByRole("button", { name: `Verify ${nameOf(e)}` })
    .click();
  return page.getByRole("dialog", { name: `Verify ${nameOf(e)}` });
}

// The re-verification confirmation did not exist before the fix: ticked only when the dialog asks.
const confirmIfAsked = confirmReverifyIfAsked;

/** HR starts a BankID verification from the list and gets the employee's link. */
async function startBankId(page: Page, e: Employee): Promise<string> {
  const dialog = await openVerify(page, e);
  await dialog.getByLabel("BankID").check();
  await confirmIfAsked(dialog);
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const link = await dialog.getByLabel("Verification link").inputValue();
  await page.keyboard.press("Escape");
  return link;
}

/** The employee finishes on the sandbox's page; their browser comes back through the portal's return URL (no page shown). */
async function finishAndReturn(link: string, outcome: "approve" | "cancel") {
  const response = await fetch(link, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBe(303);
  expect((await fetch(response.headers.get("location")!, { redirect: "manual" })).status).toBe(303);
}

/** The employee finishes on the sandbox's page and follows the redirect back to the portal. */
async function finish(page: Page, link: string, outcome: "approve" | "decline" | "cancel") {
  const response = await fetch(link, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBe(303);
  const employee = await page.context().browser()!.newContext();
  const tab = await employee.newPage();
  await tab.goto(response.headers.get("location")!);
  await expect(tab).toHaveURL(/\/status\//);
  // EasyFreelance sends the employee back with lang=nb: the status page is Norwegian.
  const titles = { approve: "Identiteten din er bekreftet", decline: "Identiteten ble ikke bekreftet", cancel: "Bekreftelsen ble avbrutt" };
  await expect(tab.getByRole("heading", { name: titles[outcome] })).toBeVisible();
  await employee.close();
}

async function sessionsOf(efUserId: number) {
  return query<{ status: string; verification_url: string | null; reference: string }>(
    `SELECT s.status, s.verification_url, s.reference FROM verification_sessions s JOIN employees e ON e.id = s.employee_id
     WHERE e.ef_user_id = $1 ORDER BY s.created_at`,
    [efUserId],
  );
}

test("1. a verified employee stays verified in the list, the filter, the employee page and the CSV when a new attempt fails", async ({ page }) => {
  const e = { efUserId: 7401, first: "Vera", last: "Stillverified" };
  await ensureEmployee(e.efUserId, e.first, e.last);
  await signIn(page, "hr@demo.test");
  await finish(page, await startBankId(page, e), "approve");

  // EasyFreelance is down when HR starts a new verification.
  const fault = (await sandbox.faults.add({ endpoint: "flows", userId: e.efUserId, fault: { kind: "server_error" } })).id;
  try {
    await page.reload();
    const dialog = await openVerify(page, e);
    await dialog.getByLabel("BankID").check();
    await confirmIfAsked(dialog);
    await dialog.getByRole("button", { name: "Start verification" }).click();
    await expect(dialog.getByRole("alert")).toContainText("EasyFreelance");
  } finally {
    await sandbox.faults.remove(fault);
  }
  expect((await sessionsOf(e.efUserId)).map((s) => s.status)).toEqual(["approved", "failed"]);

  await page.reload();
  const cell = employeeRow(page, e.efUserId).getByTestId("verification");
  await expect(cell.locator("[data-verified]")).toHaveText("Verified");
  await expect(cell).toContainText("BankID");
  await expect(cell.locator("[data-status]")).toHaveText("Failed to start");

  await page.goto(`/employees?q=Stillverified&status=approved`);
  await expect(employeeRow(page, e.efUserId)).toBeVisible();
  await page.goto(`/employees?q=Stillverified&status=none`);
  await expect(page.getByText("No employees match.")).toBeVisible();

  await page.goto(`/employees?q=Stillverified`);
  await page.getByRole("link", { name: nameOf(e) }).click();
  await expect(page.getByTestId("verification-summary").getByTestId("verified-fact")).toContainText("with BankID");
  await expect(page.getByTestId("attempt-summary")).toContainText("Failed to start");

  // The list's Download CSV button (a same-origin POST); the browser asks for English, as the page reads.
  const downloading = page.waitForEvent("download");
  await page.goto(`/employees?q=Stillverified`);
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = readFileSync((await (await downloading).path())!, "utf8").replace(/^\uFEFF/, "");
  const [header, row] = csv
    .trim()
    .split("\r\n")
    .map((line) => line.split(",").map((cell) => cell.replace(/^"|"$/g, "")));
  const record = Object.fromEntries(header.map((key, i) => [key, row[i]]));
  expect(record).toMatchObject({ last_name: e.last, verified: "yes", verified_with: "BankID", latest_attempt: "Failed to start" });
});

test("2. start over during an outage keeps the employee's working link", async ({ page }) => {
  const e = { efUserId: 7402, first: "Oda", last: "Outage" };
  await ensureEmployee(e.efUserId, e.first, e.last);
  await signIn(page, "hr@demo.test");
  const oldLink = await startBankId(page, e);
  const [{ reference }] = await sessionsOf(e.efUserId);

  await page.reload();
  const dialog = await openVerify(page, e);
  if (await dialog.getByRole("button", { name: "Start verification" }).isVisible()) {
    await dialog.getByLabel("BankID").check();
    await dialog.getByRole("button", { name: "Start verification" }).click();
  }
  await expect(dialog.getByRole("status")).toContainText("already has an open verification");
  const fault = (await sandbox.faults.add({ endpoint: "flows", userId: e.efUserId, fault: { kind: "server_error" } })).id;
  try {
    await dialog.getByRole("button", { name: "Start over with a new link" }).click();
    await expect(dialog.getByRole("alert")).toContainText("The link the employee already has still works");
  } finally {
    await sandbox.faults.remove(fault);
  }
  // The dialog still offers the same, working link.
  await expect(dialog.getByLabel("Verification link")).toHaveValue(oldLink);
  expect((await sessionsOf(e.efUserId)).map((s) => s.status)).toEqual(["pending", "failed"]);

  // The employee on the old link is not told it was replaced, and gets verified.
  const employee = await page.context().browser()!.newContext();
  const tab = await employee.newPage();
  await tab.goto(`/status/${reference}`);
  await expect(tab.getByRole("heading", { name: "Checking your verification" })).toBeVisible();
  await employee.close();
  await finish(page, oldLink, "approve");
  expect((await sessionsOf(e.efUserId)).map((s) => s.status)).toEqual(["approved", "failed"]);
});

test("3. the Verify dialog shows the server's state when it reopens: never a finished session's link", async ({ page }) => {
  const e = { efUserId: 7403, first: "Stine", last: "Stale" };
  await ensureEmployee(e.efUserId, e.first, e.last);
  await signIn(page, "hr@demo.test");
  const link = await startBankId(page, e);

  // The employee cancels. HR reopens Verify at once, without a reload: whether the dialog or the list's
  // live status hears of it first, the dialog ends up showing what is true, never the dead link as open.
  await finishAndReturn(link, "cancel");
  const dialog = await openVerify(page, e);
  await expect(dialog.getByRole("button", { name: "Start verification" })).toBeVisible();
  await expect(dialog.getByText("already has an open verification")).toHaveCount(0);
  await expect(dialog.getByLabel("Verification link")).toHaveCount(0);
  await expect(dialog.getByTestId("last-attempt")).toContainText("cancelled");
  await expect(employeeRow(page, e.efUserId).locator("[data-status]")).toHaveText("Cancelled");

  // A second link, approved while the dialog is closed: reopening says verified, and Start over is gone.
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const second = await dialog.getByLabel("Verification link").inputValue();
  await page.keyboard.press("Escape");
  await finishAndReturn(second, "approve");
  await expect(employeeRow(page, e.efUserId).locator("[data-verified]")).toHaveText("Verified");

  const reopened = await openVerify(page, e);
  await expect(reopened.getByTestId("verified-fact")).toContainText("with BankID");
  await expect(reopened.getByRole("button", { name: "Start over with a new link" })).toHaveCount(0);
  await expect(reopened.getByLabel("Verification link")).toHaveCount(0);
  expect(await sessionsOf(e.efUserId)).toHaveLength(2);
});

test("4. Verify on a verified employee says so and needs a confirmation, which is audited with its reason", async ({ page }) => {
  const e = { efUserId: 7404, first: "Vidar", last: "Reverify" };
  await ensureEmployee(e.efUserId, e.first, e.last);
  await signIn(page, "hr@demo.test");
  await finish(page, await startBankId(page, e), "approve");
  await page.reload();

  const dialog = await openVerify(page, e);
  await expect(dialog.getByTestId("verified-fact")).toContainText(/^Verified \d{1,2} \w{3} \d{4} with BankID\.$/);
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("alert")).toContainText("is already verified");
  expect(await sessionsOf(e.efUserId)).toHaveLength(1);

  await dialog.getByLabel("Reason (optional, kept in the audit trail)").fill("Name changed after marriage");
  await dialog.getByLabel("Start a new verification anyway").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  expect((await sessionsOf(e.efUserId)).map((s) => s.status)).toEqual(["approved", "pending"]);
  const audit = await query<{ data: { reason: string } }>(
    `SELECT a.data FROM audit_events a JOIN employees e ON e.id = a.target_id WHERE e.ef_user_id = $1 AND a.action = 'verification.reverify_confirmed'`,
    [e.efUserId],
  );
  expect(audit.map((row) => row.data.reason)).toEqual(["Name changed after marriage"]);

  // Still verified while the re-verification is pending.
  await page.reload();
  const cell = employeeRow(page, e.efUserId).getByTestId("verification");
  await expect(cell.locator("[data-verified]")).toHaveText("Verified");
  await expect(cell).toContainText("Re-verification:");
  await expect(cell.locator("[data-status]")).toHaveText("Pending");
});
