import { expect, test } from "@playwright/test";
import { employeeRow, query, sandbox, signIn } from "./support";

test("the employee page shows onboarding still missing after an approved identity, and the session history", async ({ page, context }) => {
  // Piotr Nowak (EasyFreelance user 1006) has not accepted EasyFreelance's terms.
  await sandbox.updateUser(1006, { terms: false, profile: true });
  await signIn(page, "hr@demo.test");

  await employeeRow(page, 1006).getByRole("button", { name: "Verify Piotr Nowak" }).click();
  const dialog = page.getByRole("dialog", { name: "Verify Piotr Nowak" });
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText(/Verification started|already has an open verification/);
  const [employeePage] = await Promise.all([context.waitForEvent("page"), dialog.getByRole("link", { name: "Open link" }).click()]);
  await employeePage.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(employeePage.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await employeePage.close();

  await page.goto("/employees?q=Nowak");
  await page.getByRole("link", { name: "Piotr Nowak" }).click();
  await expect(page.getByRole("heading", { name: "Piotr Nowak" })).toBeVisible();
  await expect(page.getByTestId("ef-user-id")).toHaveText("1006");

  const onboarding = page.getByTestId("onboarding");
  await expect(onboarding.getByTestId("onboarding-summary")).toHaveText("Still missing: Terms accepted.");
  await expect(onboarding).toContainText("Identity is verified, but the employee has not finished onboarding in EasyFreelance.");
  await expect(onboarding.locator('[data-step="id_verification"]')).toHaveAttribute("data-done", "true");
  await expect(onboarding.locator('[data-step="terms"]')).toContainText("Terms accepted: missing");

  // The history: the session with its events, and the redirect's recorded query.
  const [session] = await query<{ ef_verification_id: string }>(
    `SELECT s.ef_verification_id FROM verification_sessions s JOIN employees e ON e.id = s.employee_id WHERE e.ef_user_id = 1006 AND s.status = 'approved' ORDER BY s.created_at DESC LIMIT 1`,
  );
  const latest = page.getByTestId("session").first();
  await expect(latest.locator("[data-status]")).toHaveText("Verified");
  await expect(latest).toContainText(session.ef_verification_id);
  await expect(latest.locator('[data-event="started"]')).toContainText("Starting → Pending");
  // Anyone with the link can open it: the event says the link was opened, and its query is the browser's word.
  await expect(latest.locator('[data-event="redirect_received"]')).toContainText("Return link opened");
  await expect(latest.locator('[data-event="redirect_received"]')).toContainText("Query sent by the browser (not a result):");
  await expect(latest.locator('[data-event="redirect_received"]').getByTestId("redirect-query")).toContainText(
    `verification_id=${session.ef_verification_id}`,
  );
  await expect(latest.locator('[data-event="status_changed"]')).toContainText("Pending → Verified");

  // The employee accepts the terms in EasyFreelance; a refresh (GET /users/{id}) shows it.
  await sandbox.updateUser(1006, { terms: true });
  await onboarding.getByRole("button", { name: "Refresh from EasyFreelance" }).click();
  await expect(onboarding.getByTestId("onboarding-summary")).toHaveText("Fully onboarded.");
  const [row] = await query<{ onboarding: { isOnboarded: boolean } }>(`SELECT onboarding FROM employees WHERE ef_user_id = 1006`);
  expect(row.onboarding.isOnboarded).toBe(true);
});

test("a refresh that EasyFreelance cannot answer says so and keeps what was known", async ({ page }) => {
  await signIn(page, "viewer@demo.test");
  await page.getByRole("link", { name: "Amina Olsen" }).click();
  // User 1005 was never linked to the partner in the sandbox: GET /users/1005 is a 404.
  await page.getByRole("button", { name: "Refresh from EasyFreelance" }).click();
  await expect(page.getByTestId("onboarding").getByRole("alert")).toHaveText(
    "EasyFreelance has no user 1005 linked to this portal's partner account. Use Relink on this page to link them again by their email.",
  );
});
