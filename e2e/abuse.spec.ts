// Attacks on the public surface and on a signed-in browser, through the real stack (issue 12, "Abuse").
// The stack trusts one proxy hop (TRUSTED_PROXIES=1): a test plays another client with its own
// X-Forwarded-For entry, so these limits never touch the other specs' address.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ensureEmployee, query, signIn } from "./support";

const unknownRef = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const anAddress = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

test("the status pages are never cached: Cache-Control: no-store, private", async ({ request }) => {
  for (const path of [`/status/${unknownRef}`, `/api/status/${unknownRef}`, "/status/%ff"]) {
    const response = await request.get(path, { headers: { "x-forwarded-for": anAddress() } });
    expect(response.headers()["cache-control"], path).toBe("no-store, private");
  }
});

test("the status page is limited per address, on the same counter as its API route", async ({ request }) => {
  const address = anAddress();
  const headers = { "x-forwarded-for": address };
  // The stack's default: 600 per minute. Spend them on the API route, in parallel batches.
  for (let sent = 0; sent < 600; sent += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => request.get(`/api/status/${unknownRef}`, { headers })));
    expect(batch.every((response) => response.status() === 404)).toBe(true);
  }
  const page = await request.get(`/status/${unknownRef}`, { headers });
  expect(await page.text()).toContain('data-testid="status-limited"');
  expect(page.headers()["cache-control"]).toBe("no-store, private");
  // Another address is not affected.
  expect((await request.get(`/status/${unknownRef}`, { headers: { "x-forwarded-for": anAddress() } })).status()).toBe(404);
});

test("Auth.js's URLs follow APP_URL, not an X-Forwarded-Host or X-Forwarded-Proto the caller sends", async ({ request, baseURL }) => {
  // Before (no AUTH_URL): the caller's X-Forwarded-Proto went into Auth.js's URLs ("https://localhost:<port>/…"),
  // which with single sign-on would be the redirect_uri. (Next.js itself writes loopback hosts as "localhost".)
  const callbackUrl = async (headers: Record<string, string>) =>
    ((await (await request.get("/api/auth/providers", { headers })).json()) as { credentials: { callbackUrl: string } }).credentials.callbackUrl;
  const plain = new URL(await callbackUrl({}));
  const forged = new URL(await callbackUrl({ "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }));
  expect(forged.href).toBe(plain.href);
  expect(forged.protocol).toBe(new URL(baseURL!).protocol);
  expect(forged.port).toBe(new URL(baseURL!).port);
  expect(forged.pathname).toBe("/api/auth/callback/credentials");
  const response = await request.get("/api/auth/signin", { headers: { "x-forwarded-host": "evil.example" }, maxRedirects: 0 });
  expect(new URL(response.headers()["location"], baseURL).origin).toBe(new URL(baseURL!).origin);
});

test("another site cannot make an admin's browser export the audit trail (a link, or a form)", async ({ page, baseURL }) => {
  await signIn(page, "admin@demo.test");
  const before = await query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'audit.exported'`);
  const portal = new URL(baseURL!).origin;
  // A page on another site, served by Playwright under a made-up origin.
  await page.route("https://evil.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<a id="link" href="${portal}/audit/export">free stuff</a>
             <form id="form" method="post" action="${portal}/audit/export"></form>`,
    }),
  );
  await page.goto("https://evil.example/");
  // A top-level navigation carries the SameSite=Lax session cookie: the old GET export answered it.
  const viaLink = page.waitForResponse(`${portal}/audit/export`);
  await page.click("#link");
  expect((await viaLink).status()).toBe(405);
  await page.goto("https://evil.example/");
  const viaForm = page.waitForResponse(`${portal}/audit/export`);
  await page.evaluate(() => (document.getElementById("form") as HTMLFormElement).submit());
  expect([401, 403]).toContain((await viaForm).status());
  const after = await query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'audit.exported'`);
  expect(after[0].n).toBe(before[0].n);
});

test("a flood of returns on one session is bounded, counted and labelled; the history pages its events", async ({ page, request }) => {
  // Expired, not pending: a pending session would join the other specs' live list. Returns are recorded on any status.
  const employeeId = await ensureEmployee(917_001, "Flood", "Target");
  const reference = randomBytes(24).toString("base64url");
  const sessionId = `flood-${randomBytes(6).toString("hex")}`;
  await query(
    `INSERT INTO verification_sessions (id, reference, employee_id, provider, status, return_url, updated_at)
     VALUES ($1, $2, $3, 'bankid', 'expired', 'http://x/return', now())`,
    [sessionId, reference, employeeId],
  );
  // 25 returns with ~12 KB of made-up query each (Node refuses a request line much past 16 KB with 431),
  // from rotating addresses (each stays under its limit).
  const junk = Array.from({ length: 30 }, (_, i) => `k${i}=${"x".repeat(400)}`).join("&");
  for (let i = 0; i < 25; i++) {
    const response = await request.get(`/return/${reference}?status=approved&${junk}`, {
      headers: { "x-forwarded-for": anAddress() },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
  }
  const [counts] = await query<{ events: string; received: number; biggest: number }>(
    `SELECT (SELECT count(*) FROM session_events WHERE session_id = $1) AS events,
            (SELECT returns_received FROM verification_sessions WHERE id = $1) AS received,
            (SELECT max(length(data::text)) FROM session_events WHERE session_id = $1) AS biggest`,
    [sessionId],
  );
  expect(Number(counts.events)).toBe(10);
  expect(counts.received).toBe(25);
  expect(counts.biggest).toBeLessThan(2_300);

  await signIn(page, "viewer@demo.test");
  await page.goto(`/employees/${employeeId}`);
  const session = page.getByTestId("session").first();
  await expect(session.locator('[data-event="redirect_received"]')).toHaveCount(10);
  await expect(session.locator('[data-event="redirect_received"]').first()).toContainText("Return link opened");
  await expect(session.locator('[data-event="redirect_received"]').first()).toContainText("Query sent by the browser (not a result):");
  await expect(session.locator('[data-event="redirect_received"]').first()).not.toContainText("Returned from EasyFreelance");
  await expect(session.getByTestId("unrecorded-returns")).toHaveText("15 more openings of the return link were counted but not recorded.");

  // Many events (HR reused the open link 70 times): the page shows 20, the attempt's own page the rest, paged.
  await query(
    `INSERT INTO session_events (id, session_id, type, from_status, to_status, created_at)
     SELECT 'reuse-' || $1 || '-' || g, $1, 'reused', 'pending', 'pending', now() + (g || ' milliseconds')::interval FROM generate_series(1, 70) g`,
    [sessionId],
  );
  await page.reload();
  await expect(session.locator("tbody tr")).toHaveCount(20);
  await session.getByTestId("all-events").click();
  await expect(page.getByRole("heading", { name: "Verification events" })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(50);
  await expect(page.getByTestId("events-page")).toHaveText("Page 1 of 2");
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(30);
  await expect(page.getByTestId("unrecorded-returns")).toBeVisible();
});

test("the Employees list's live statuses refuse another site and a non-JSON body", async ({ page, baseURL }) => {
  await signIn(page, "viewer@demo.test");
  const body = JSON.stringify({ references: [unknownRef] });
  const origin = new URL(baseURL!).origin;
  const post = (headers: Record<string, string>) => page.request.post("/api/employees/statuses", { headers, data: body });
  expect((await post({ "content-type": "application/json", origin })).status()).toBe(200);
  expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status()).toBe(403);
  expect((await post({ "content-type": "text/plain", origin })).status()).toBe(415);
});
