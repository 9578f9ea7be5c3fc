import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an admin reads the audit trail and downloads it as CSV", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const signIns = page.getByTestId("audit-trail").locator('tr[data-action="auth.sign_in"]');
  await expect(signIns.first()).toContainText("admin@demo.test");

  // In the language asked for (as the browser does), UTF-8 with a byte order mark for Excel.
  const response = await page.request.get("/audit/export", { headers: { "Accept-Language": "en-US" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe(`"Time","Event","By","Employee","Session","Details"`);
  expect(csv).toContain(`"Signed in","admin@demo.test"`);

  const norwegian = (await (await page.request.get("/audit/export", { headers: { "Accept-Language": "nb-NO" } })).body())
    .subarray(3)
    .toString("utf8");
  expect(norwegian.split("\r\n")[0]).toBe(`"Tidspunkt","Hendelse","Av","Ansatt","Økt","Detaljer"`);
  expect(norwegian).toContain(`"Logget inn","admin@demo.test"`);
});
