import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support";

test("anonymous visitors are sent to sign in", async ({ page }) => {
  await page.goto("/employees");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused with a clear message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("admin@demo.test");
});

test("an invalid email shows a field error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
});

test("a viewer sees the list but no Verify button", async ({ page }) => {
  await signIn(page, "viewer@demo.test");
  await expect(page.getByRole("cell", { name: "Ingrid Hansen" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Verify / })).toHaveCount(0);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "hr@demo.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/employees");
  await expect(page).toHaveURL(/\/login$/);
});
