import { expect, test, type Page } from "@playwright/test";
import { employeeRow, ensureEmployee, query, signIn } from "./support";

// Its own employee: the seeded ones are used by other specs, whose sessions would show up here.
const EF_USER_ID = 7301;

async function verifyWithBankId(page: Page, efUserId: number, name: string) {
  await employeeRow(page, efUserId)
    .getByRole("button", { name: `Verify ${name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Verify ${name}` });
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toBeVisible();
  return dialog;
}

test("Verify again reuses the open session's link; Start over replaces it and the old link's result is still recorded", async ({ page, context }) => {
  await ensureEmployee(EF_USER_ID, "Siri", "Startover");
  await signIn(page, "hr@demo.test");
  const first = await verifyWithBankId(page, EF_USER_ID, "Siri Startover");
  await expect(first.getByRole("status")).toContainText("Verification started");
  const oldLink = await first.getByLabel("Verification link").inputValue();

  // Reopened, the dialog shows the open session's link straight away.
  await page.reload();
  await employeeRow(page, EF_USER_ID).getByRole("button", { name: "Verify Siri Startover" }).click();
  const again = page.getByRole("dialog", { name: "Verify Siri Startover" });
  await expect(again.getByRole("status")).toContainText("already has an open verification");
  expect(await again.getByLabel("Verification link").inputValue()).toBe(oldLink);

  await again.getByRole("button", { name: "Start over with a new link" }).click();
  await expect(again.getByRole("status")).toContainText("Started over");
  const newLink = await again.getByLabel("Verification link").inputValue();
  expect(newLink).not.toBe(oldLink);

  const rows = await query<{ status: string; verification_url: string }>(
    `SELECT s.status, s.verification_url FROM verification_sessions s JOIN employees e ON e.id = s.employee_id WHERE e.ef_user_id = $1 ORDER BY s.created_at`,
    [EF_USER_ID],
  );
  expect(rows.map((row) => [row.verification_url, row.status])).toEqual([
    [oldLink, "superseded"],
    [newLink, "pending"],
  ]);

  // The employee still uses the old link: the result is recorded on the old session.
  const employee = await context.newPage();
  await employee.goto(oldLink);
  await employee.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(employee).toHaveURL(/\/status\/[A-Za-z0-9_-]{32}\?lang=nb$/);
  await expect(employee.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  const after = await query<{ status: string }>(`SELECT status FROM verification_sessions WHERE verification_url = $1`, [oldLink]);
  expect(after[0].status).toBe("approved");
  const current = await query<{ status: string }>(`SELECT status FROM verification_sessions WHERE verification_url = $1`, [newLink]);
  expect(current[0].status).toBe("pending");
});
