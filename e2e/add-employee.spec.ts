import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
// The e2e stack runs the portal with these fake credentials as the sandbox's partner 1.
import { FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";
import { query, sandbox, signIn, stack } from "./support";

const unique = () => randomBytes(4).toString("hex");
const internalId = () => String(200_000 + randomBytes(3).readUIntBE(0, 3));

test("HR adds an employee: created in EasyFreelance, stored with its id, shown on their page and in the list", async ({ page }) => {
  const email = `nora.${unique()}@e2e.test`;
  const id = internalId();
  await signIn(page, "hr@demo.test");
  await page.getByRole("link", { name: "Add employee" }).click();
  await expect(page.getByRole("heading", { name: "Add employee" })).toBeVisible();
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^First name/).fill("Nora");
  await page.getByLabel(/^Last name/).fill(`Fjeld ${id}`);
  await page.getByLabel(/^Internal id/).fill(id);
  await page.getByLabel(/^Phone/).fill("4791234567");
  await page.getByLabel("Norwegian account").check();
  await page.getByLabel(/^Account number/).fill("1234.56.78903");
  await page.getByRole("button", { name: "Add employee" }).click();

  await expect(page).toHaveURL(/\/employees\/[^/?]+\?added=created$/);
  const notice = page.getByRole("status").filter({ hasText: "Employee added" });
  await expect(notice).toBeVisible();
  const efUserId = Number(await page.getByTestId("ef-user-id").textContent());
  await expect(notice).toContainText(`linked to EasyFreelance user ${efUserId}`);
  await expect(page.getByRole("heading", { name: `Nora Fjeld ${id}` })).toBeVisible();

  const [row] = await query<{ email: string; first_name: string; internal_id: string; onboarding: { missingSteps: string[] } }>(
    `SELECT email, first_name, internal_id, onboarding FROM employees WHERE ef_user_id = $1`,
    [efUserId],
  );
  expect(row).toMatchObject({ email, first_name: "Nora", internal_id: id });
  expect(row.onboarding.missingSteps).toContain("id_verification");
  // The onboarding EasyFreelance returned is shown straight away.
  await expect(page.getByTestId("onboarding-summary")).toContainText("Still missing: Identity verified");

  // EasyFreelance has the user, with the bank account; the portal's table has no bank column at all.
  const state = await sandbox.state();
  expect(state.users.find((u) => u.id === efUserId)).toMatchObject({ email, bankAccountNumber: "12345678903" });

  await page.getByRole("link", { name: "← Employees" }).click();
  await page.getByRole("link", { name: `Nora Fjeld ${id}` }).click();
  await expect(page).toHaveURL(/\/employees\/[^/?]+$/);
});

test("form errors appear next to their fields and the typed values stay", async ({ page }) => {
  await signIn(page, "hr@demo.test");
  await page.goto("/employees/new");
  await page.getByLabel(/^Email/).fill("not-an-email");
  await page.getByLabel(/^First name/).fill("Kept");
  await page.getByLabel(/^Phone/).fill("+47 123");
  await page.getByLabel("International (IBAN + BIC)").check();
  await page.getByLabel(/^IBAN/).fill("NO9386011117947");
  await page.getByRole("button", { name: "Add employee" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "highlighted" })).toHaveText("Check the highlighted fields.");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#phone-error")).toHaveText("Phone must be 4 to 15 digits, without spaces or a + sign.");
  await expect(page.locator("#bankBic-error")).toHaveText("Enter the BIC (SWIFT code).");
  await expect(page.getByLabel(/^Email/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(/^Email/)).toHaveValue("not-an-email");
  await expect(page.getByLabel(/^First name/)).toHaveValue("Kept");
  await expect(page.getByLabel(/^Phone/)).toHaveValue("+47 123");
  await expect(page.getByLabel("International (IBAN + BIC)")).toBeChecked();
  await expect(page.getByLabel(/^IBAN/)).toHaveValue("NO9386011117947");
});

test("EasyFreelance's own field errors (422) appear on the form", async ({ page }) => {
  const id = internalId();
  // Another employee of this partner already has that internal id in EasyFreelance.
  const taken = await fetch(`${stack().sandboxUrl}/api/v1/users`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${FAKE_EASYFREELANCE.token}`,
      "API-key": FAKE_EASYFREELANCE.apiKey,
      Accept: "application/json",
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ email: `taken.${unique()}@e2e.test`, internal_id: Number(id) }),
  });
  expect(taken.status).toBe(201);

  await signIn(page, "admin@demo.test");
  await page.goto("/employees/new");
  const email = `second.${unique()}@e2e.test`;
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Internal id/).fill(id);
  await page.getByRole("button", { name: "Add employee" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "highlighted" })).toHaveText(
    "EasyFreelance did not accept some details: check the highlighted fields.",
  );
  await expect(page.locator("#internalId-error")).toHaveText("The internal id has already been taken.");
  await expect(page.getByLabel(/^Email/)).toHaveValue(email);
  await expect(page.getByLabel(/^Internal id/)).toHaveValue(id);
  expect(await query(`SELECT id FROM employees WHERE email = $1`, [email])).toHaveLength(0);
});

test("a viewer cannot add employees", async ({ page }) => {
  await signIn(page, "viewer@demo.test");
  await expect(page.getByRole("link", { name: "Add employee" })).toHaveCount(0);
  await page.goto("/employees/new");
  await expect(page).toHaveURL(/\/employees\?denied=1$/);
});
