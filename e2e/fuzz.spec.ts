// Thousands of random and hostile query strings and references against the return route, the status
// route and the status page, over raw HTTP (no URL normalisation by the client): no 5xx, no redirect to
// another origin, no reflected markup, no injected header. Seeded, so a failure can be replayed.
import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { query, signIn, stack } from "./support";

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const MARK = "fzmk";

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  `<script>alert('${MARK}')</script>`,
  `"><svg onload=alert('${MARK}')>`,
  `<${MARK}>`,
  `javascript:alert('${MARK}')`,
  "//evil.example",
  "https://evil.example/",
  "%2F%2Fevil.example",
  "\\\\evil.example",
  "/\\evil.example",
  "%0d%0aX-Injected:%20yes",
  "%0aLocation:%20https://evil.example",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "../../admin",
  "%00",
  "%ff%fe%fd",
  "%",
  "%%32%65",
  "{{7*7}}${7*7}",
  "' OR '1'='1",
  "'); DROP TABLE verification_sessions;--",
  "😀🙃".repeat(10),
  "a".repeat(4000),
  '=HYPERLINK("https://evil.example")',
  "__proto__",
  "constructor[prototype][polluted]",
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Makes any string safe to put on an HTTP request line (Node refuses raw spaces and control bytes). */
function onRequestLine(text: string): string {
  return text.replace(/[^\x21-\x7e]|%(?![0-9a-fA-F]{2})/gu, (char) =>
    [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join(""),
  );
}

function randomToken(random: () => number): string {
  const length = Math.floor(random() * 40);
  return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x7e) + 1)).join("");
}

function queryString(random: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const key =
      random() < 0.3 ? pick(random, ["status", "next", "redirect", "url", "verification_id", "returnTo", "", "__proto__"]) : randomToken(random);
    const value = random() < 0.6 ? pick(random, HOSTILE) : randomToken(random);
    parts.push(random() < 0.5 ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${key}=${value}`);
  }
  return parts.join("&");
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(base: URL, path: string, address: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      // Next.js's own 308 for backslashes echoes the whole URL in Location and Refresh: allow large headers.
      {
        host: base.hostname,
        port: base.port,
        path,
        method: "GET",
        maxHeaderSize: 1024 * 1024,
        headers: { "x-forwarded-for": address, accept: "text/html,application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${path}`)));
    req.end();
  });
}

test("return route, status route and status page survive random and hostile input", async ({ page }) => {
  test.setTimeout(600_000);
  const base = new URL(stack().appUrl);
  const random = rng(SEED);

  // A real session, so hostile queries also reach the recording path (and the audit page later).
  const reference = randomBytes(24).toString("base64url");
  const [employee] = await query<{ id: string }>(`SELECT id FROM employees WHERE ef_user_id = 1006`);
  await query(
    `INSERT INTO verification_sessions (id, reference, employee_id, provider, status, return_url, updated_at, expires_at)
     VALUES ($1, $2, $3, 'bankid', 'cancelled', 'x', now(), now() + interval '1 hour')`,
    [`fuzz-${reference.slice(0, 8)}`, reference, employee.id],
  );

  const refs = [
    reference,
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "",
    "not-a-ref",
    "%2F%2Fevil.example",
    "..%2F..",
    "%00",
    "a".repeat(300),
    `${reference}%2F..`,
    "%E2%80%AE",
  ];
  const routes = ["/return/", "/api/status/", "/status/"];
  const problems: string[] = [];
  let done = 0;
  let returnsOfRealSession = 0;
  const statuses = new Map<number, number>();

  async function one(i: number) {
    const route = routes[i % routes.length];
    const ref = random() < 0.5 ? pick(random, refs) : random() < 0.5 ? onRequestLine(pick(random, HOSTILE)) : onRequestLine(randomToken(random));
    const path = onRequestLine(`${route}${ref}${random() < 0.9 ? `?${queryString(random)}` : ""}`);
    // Each case from its own documentation-range address, so the per-address limits do not hide the handlers.
    const answer = await get(base, path, `203.0.113.${i % 250}, ${i}`);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    if (route === "/return/" && ref === reference && answer.status === 303) returnsOfRealSession++;
    const where = `${answer.status} GET ${path.slice(0, 200)}`;
    if (answer.status >= 500) problems.push(`5xx: ${where}`);
    const location = answer.headers.location;
    if (typeof location === "string" && new URL(location, base).origin !== base.origin) problems.push(`off-origin redirect to ${location}: ${where}`);
    if (typeof location === "string" && /^(\/\/|\\|[a-z]+:)/i.test(location))
      problems.push(`absolute or protocol-relative Location ${location}: ${where}`);
    if (answer.headers["x-injected"]) problems.push(`injected header: ${where}`);
    if (/<script>alert|<svg onload|<fzmk>/i.test(answer.body)) problems.push(`reflected markup: ${where}`);
    done++;
  }

  const queue = Array.from({ length: CASES }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await one(i);
    }),
  );

  console.log(`[fuzz] seed ${SEED}: ${done} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(problems).toEqual([]);
  expect(done).toBe(CASES);

  // What the return route recorded is shown to admins escaped, never as markup.
  const sessionId = `fuzz-${reference.slice(0, 8)}`;
  const recorded = await query<{ n: number }>(`SELECT count(*)::int AS n FROM session_events WHERE type = 'redirect_received' AND session_id = $1`, [
    sessionId,
  ]);
  const [counted] = await query<{ returns_received: number }>(`SELECT returns_received FROM verification_sessions WHERE id = $1`, [sessionId]);
  // Every hostile return to the real session was counted (none lost to an error); the first 10 are kept as events.
  expect(returnsOfRealSession).toBeGreaterThan(10);
  expect(counted.returns_received).toBe(returnsOfRealSession);
  expect(recorded[0].n).toBe(10);
  await signIn(page, "admin@demo.test");
  const audit = await page.request.get("/audit");
  expect(audit.status()).toBe(200);
  expect(await audit.text()).not.toMatch(/<script>alert|<svg onload|<fzmk>/i);
});
