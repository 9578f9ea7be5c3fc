import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an admin reads the audit trail and downloads it as CSV", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const signIns = page.getByTestId("audit-trail").locator('tr[data-action="auth.sign_in"]');
  await expect(signIns.first()).toContainText("admin@demo.test");

  // The button POSTs from the page (Chromium sends Origin and Sec-Fetch-Site: same-origin); the answer is a file.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe(`"time","action","actor","employee","session","details"`);
  expect(csv).toContain(`"auth.sign_in","admin@demo.test"`);
});
