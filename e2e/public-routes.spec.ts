import { expect, test } from "@playwright/test";

const bogus = [
  "/return/not-a-real-reference?status=approved&verification_id=1",
  "/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?status=approved",
  "/return/%2F%2Fevil.example?next=https://evil.example",
  "/return/..%2F..%2Fadmin",
];

for (const path of bogus) {
  test(`return route with a bogus reference shows a friendly page: ${path}`, async ({ page, baseURL }) => {
    const response = await page.goto(path);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find this verification" })).toBeVisible();
  });
}

test("return route answers 303 to the same origin, whatever the Host header", async ({ request }) => {
  const response = await request.get("/return/not-a-real-reference", { maxRedirects: 0, headers: { Host: "evil.example" } });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toBe("/status/not-found");
});

test("status route for an unknown reference is a 404 JSON, not an error", async ({ request }) => {
  const response = await request.get("/api/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: "not_found" });
});
