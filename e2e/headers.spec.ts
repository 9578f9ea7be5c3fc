import { expect, test } from "@playwright/test";
import { signIn } from "./support";

function scriptSrc(policy: string) {
  return policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("script-src"))!;
}

test("pages carry a nonce-based CSP (fresh per request, on every script), no framing, and HSTS in production", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const policy = first.headers()["content-security-policy"];
  expect(policy).toContain("frame-ancestors 'none'");
  expect(scriptSrc(policy)).not.toContain("unsafe-inline");
  expect(scriptSrc(policy)).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(first.headers()["x-powered-by"]).toBeUndefined();
});

test("the public pages send no referrer, so the session reference cannot leak to other sites", async ({ request }) => {
  for (const path of [
    "/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/api/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["referrer-policy"], path).toBe("no-referrer");
  }
  expect((await request.get("/login")).headers()["referrer-policy"]).toBe("same-origin");
});

test("the app runs under its CSP with no violation, and the session cookie is http-only", async ({ page, context }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "hr@demo.test");
  // Client components work: the dialog opens (only with hydrated JavaScript).
  await page.getByRole("button", { name: "Verify Piotr Nowak" }).click();
  await expect(page.getByRole("dialog", { name: "Verify Piotr Nowak" })).toBeVisible();
  expect(violations).toEqual([]);

  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie).toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe("Lax");
  // Plain http in this test stack; with an https APP_URL the cookie is Secure (tests/security/headers.test.ts).
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});
