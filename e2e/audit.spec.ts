import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an admin reads the audit trail and downloads it as CSV", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const signIns = page.getByTestId("audit-trail").locator('tr[data-action="auth.sign_in"]');
  await expect(signIns.first()).toContainText("admin@demo.test");

  // The button POSTs from the page (Chromium sends Origin and Sec-Fetch-Site: same-origin); the answer is a file
  // in the page's language (English here), UTF-8 with a byte order mark for Excel.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe(`"Time","Event","By","Employee","Session","Details"`);
  expect(csv).toContain(`"Signed in","admin@demo.test"`);

  // A Norwegian admin's export: the same POST from the portal's origin, asking for Norwegian.
  const origin = new URL(page.url()).origin;
  const norwegian = await page.request.post("/audit/export", {
    headers: { "Accept-Language": "nb-NO", Origin: origin, "Sec-Fetch-Site": "same-origin" },
  });
  expect(norwegian.status()).toBe(200);
  const text = (await norwegian.body()).subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toBe(`"Tidspunkt","Hendelse","Av","Ansatt","Økt","Detaljer"`);
  expect(text).toContain(`"Logget inn","admin@demo.test"`);
});
