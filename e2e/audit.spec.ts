import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an admin reads the audit trail and downloads it as CSV", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const signIns = page.getByTestId("audit-trail").locator('tr[data-action="auth.sign_in"]');
  await expect(signIns.first()).toContainText("admin@demo.test");

  const response = await page.request.get("/audit/export");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toBe(`"time","action","actor","employee","session","details"`);
  expect(csv).toContain(`"auth.sign_in","admin@demo.test"`);
});
