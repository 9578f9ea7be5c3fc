import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

test("an admin adds a staff member, who signs in; deactivating them ends their session at the next request", async ({ page, browser }) => {
  const email = `pat.${Date.now()}@demo.test`;
  const password = "A long initial passphrase 7";
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();

  // A weak password is refused with the rule, and nothing is created.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Pat Example");
  await page.getByLabel("Role", { exact: true }).selectOption("hr");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  expect(await query(`SELECT id FROM staff_users WHERE email = $1`, [email])).toHaveLength(0);

  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${email} can now sign in` })).toBeVisible();
  // Shown nowhere after creation: not in the form, not in the page.
  await expect(page.getByLabel("Initial password")).toHaveValue("");
  expect(await page.content()).not.toContain(password);
  await expect(page.getByTestId(`staff-${email}`)).toContainText("Pat Example");

  // The admin chose that password: Pat must replace it before anything else, then signs in with their own.
  const other = await browser.newContext();
  const patPage = await other.newPage();
  await patPage.goto("/login");
  await patPage.getByLabel("Email").fill(email);
  await patPage.getByLabel("Password").fill(password);
  await patPage.getByRole("button", { name: "Sign in" }).click();
  await expect(patPage).toHaveURL(/\/account$/);
  await patPage.goto("/employees");
  await expect(patPage).toHaveURL(/\/account$/);
  const own = "Pat's own pass phrase 9";
  await patPage.getByLabel("Current password").fill(password);
  await patPage.getByLabel("New password", { exact: true }).fill(own);
  await patPage.getByLabel("New password again").fill(own);
  await patPage.getByRole("button", { name: "Change password" }).click();
  await expect(patPage).toHaveURL(/\/login\?changed=1$/);
  await signIn(patPage, email, own);
  await expect(patPage.getByRole("button", { name: /^Verify / }).first()).toBeVisible();

  const row = page.getByTestId(`staff-${email}`);
  await row.getByRole("button", { name: "Deactivate Pat Example" }).click();
  await expect(row.getByText("Deactivated")).toBeVisible();

  await patPage.reload();
  await expect(patPage).toHaveURL(/\/login$/);
  // And they cannot sign in again.
  await patPage.getByLabel("Email").fill(email);
  await patPage.getByLabel("Password").fill(own);
  await patPage.getByRole("button", { name: "Sign in" }).click();
  await expect(patPage.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await other.close();
});

test("an admin cannot demote or deactivate themselves; the page does not offer it", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/staff");
  const me = page.getByTestId("staff-admin@demo.test");
  await expect(me).toContainText("Admin (you)");
  await expect(me.getByRole("button")).toHaveCount(0);
});

test("an admin changes a role and the change shows at the other user's next request", async ({ page, browser }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/staff");
  const row = page.getByTestId("staff-viewer@demo.test");
  const other = await browser.newContext();
  const viewer = await other.newPage();
  await signIn(viewer, "viewer@demo.test");
  await expect(viewer.getByRole("button", { name: /^Verify / })).toHaveCount(0);

  await row.getByLabel("Role of Demo Viewer", { exact: true }).selectOption("hr");
  await row.getByRole("button", { name: "Save role of Demo Viewer" }).click();
  await expect.poll(async () => (await query<{ role: string }>(`SELECT role FROM staff_users WHERE email = 'viewer@demo.test'`))[0].role).toBe("hr");
  await viewer.reload();
  await expect(viewer.getByRole("button", { name: /^Verify / }).first()).toBeVisible();

  await row.getByLabel("Role of Demo Viewer", { exact: true }).selectOption("viewer");
  await row.getByRole("button", { name: "Save role of Demo Viewer" }).click();
  await expect
    .poll(async () => (await query<{ role: string }>(`SELECT role FROM staff_users WHERE email = 'viewer@demo.test'`))[0].role)
    .toBe("viewer");
  await other.close();
});
