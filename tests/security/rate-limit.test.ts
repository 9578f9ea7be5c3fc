// Abuse limits: the counters kept in PostgreSQL (atomic counting under concurrency, windows), the status poll's
// kept in memory, and the 429 answers of the public routes. Small limits for this file only (each test file has
// its own module graph).
process.env.RATE_LIMIT_STATUS_ADDRESS = "3/60";
process.env.RATE_LIMIT_RETURN_ADDRESS = "2/60";

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/db/rate-limits";
import { checkLimit, clientAddress, resetLimit } from "@/lib/security/rate-limit";
import { parseEnv } from "@/lib/env";
import { GET as statusRoute } from "@/app/api/status/[reference]/route";
import { GET as returnRoute } from "@/app/return/[reference]/route";
import { loadStatusPage } from "@/lib/verification/status-page";

const unique = () => randomBytes(6).toString("hex");
const ref = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function from(address: string, path: string) {
  return new Request(`http://portal.test${path}`, { headers: { "x-forwarded-for": `${address}, 10.0.0.1` } });
}

describe("window counter", () => {
  it("counts 50 concurrent hits exactly once each and allows exactly the limit", async () => {
    const key = `test:${unique()}`;
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(key, 20, 60, now)));
    expect(results.map((result) => result.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.filter((result) => result.allowed)).toHaveLength(20);
    const row = await prisma().rateLimitCounter.findUniqueOrThrow({ where: { key } });
    expect(row.count).toBe(50);
  });

  it("starts a window at the first hit, starts again after it, and says how long to wait", async () => {
    const key = `test:${unique()}`;
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    expect((await hitRateLimit(key, 1, 60, new Date(start.getTime() + 15_000))).allowed).toBe(true);
    const refused = await hitRateLimit(key, 1, 60, new Date(start.getTime() + 20_000));
    expect(refused).toEqual({ allowed: false, count: 2, retryAfterSeconds: 55 });
    expect((await hitRateLimit(key, 1, 60, new Date(start.getTime() + 60_000))).allowed).toBe(false);
    expect(await hitRateLimit(key, 1, 60, new Date(start.getTime() + 75_000))).toEqual({ allowed: true, count: 1, retryAfterSeconds: 60 });
  });

  it("a burst straddling a clock boundary still counts as one window (it let the e2e limit test through at 00:00)", async () => {
    const key = `test:${unique()}`;
    const boundary = new Date(Math.ceil(Date.now() / 900_000) * 900_000);
    for (let i = 0; i < 10; i++) expect((await hitRateLimit(key, 10, 900, new Date(boundary.getTime() - 2000 + i))).allowed).toBe(true);
    expect((await hitRateLimit(key, 10, 900, new Date(boundary.getTime() + 1000))).allowed).toBe(false);
  });
});

describe("sign-in account limit", () => {
  it("counts attempts since the last success (a success resets it)", async () => {
    const email = `Someone-${unique()}@Example.test`;
    for (let i = 1; i <= 10; i++) expect(await checkLimit("signInAccount", email)).toMatchObject({ allowed: true, count: i });
    expect((await checkLimit("signInAccount", email.toLowerCase())).allowed).toBe(false);
    await resetLimit("signInAccount", email);
    expect(await checkLimit("signInAccount", email)).toMatchObject({ allowed: true, count: 1 });
    // Only a hash of the email is stored.
    expect(await prisma().rateLimitCounter.count({ where: { key: { contains: email.toLowerCase() } } })).toBe(0);
  });
});

describe("limits on the public routes", () => {
  it("the status route answers 429 with Retry-After past the limit, per address", async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250)}-${unique()}`;
    for (let i = 0; i < 3; i++)
      expect((await statusRoute(from(address, `/api/status/${ref}`), { params: Promise.resolve({ reference: ref }) })).status).toBe(404);
    const limited = await statusRoute(from(address, `/api/status/${ref}`), { params: Promise.resolve({ reference: ref }) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    // Another address is not affected.
    expect((await statusRoute(from(`other-${unique()}`, `/api/status/${ref}`), { params: Promise.resolve({ reference: ref }) })).status).toBe(404);
  });

  it("the status page is limited too, on the same counter as its API route, and reads nothing once limited", async () => {
    const address = `192.0.2.77-${unique()}`;
    const headers = new Headers({ "x-forwarded-for": address });
    for (let i = 0; i < 2; i++) expect(await loadStatusPage(ref, headers)).toEqual({ limited: false, session: null });
    expect((await statusRoute(from(address, `/api/status/${ref}`), { params: Promise.resolve({ reference: ref }) })).status).toBe(404);
    const limited = await loadStatusPage(ref, headers);
    expect(limited).toMatchObject({ limited: true });
    expect((limited as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a status poll writes no counter to PostgreSQL: its limit is counted in the server's memory", async () => {
    const address = `192.0.2.99-${unique()}`;
    const statusCounters = () => prisma().rateLimitCounter.count({ where: { key: { startsWith: "statusAddress:" } } });
    const before = await statusCounters();
    for (let i = 0; i < 3; i++)
      expect((await statusRoute(from(address, `/api/status/${ref}`), { params: Promise.resolve({ reference: ref }) })).status).toBe(404);
    expect(await loadStatusPage(ref, new Headers({ "x-forwarded-for": address }))).toMatchObject({ limited: true });
    expect(await statusCounters()).toBe(before);
  });

  it("the return route answers 429 with Retry-After past the limit, per address", async () => {
    const address = `198.51.100.${unique()}`;
    for (let i = 0; i < 2; i++)
      expect((await returnRoute(from(address, `/return/${ref}`), { params: Promise.resolve({ reference: ref }) })).status).toBe(303);
    const limited = await returnRoute(from(address, `/return/${ref}`), { params: Promise.resolve({ reference: ref }) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("configuration", () => {
  const base = {
    DATABASE_URL: "postgresql://x@127.0.0.1/db",
    AUTH_SECRET: "a".repeat(32),
    APP_URL: "http://localhost:3000",
    EASYFREELANCE_BASE_URL: "http://127.0.0.1:4010/api/v1",
    EASYFREELANCE_TOKEN: "token-123456",
    EASYFREELANCE_API_KEY: "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
  };
  it("has defaults and reads attempts/seconds", () => {
    expect(parseEnv(base).RATE_LIMIT_SIGN_IN_ACCOUNT).toEqual({ limit: 10, windowSeconds: 900 });
    expect(parseEnv({ ...base, RATE_LIMIT_STATUS_ADDRESS: "5/10" }).RATE_LIMIT_STATUS_ADDRESS).toEqual({ limit: 5, windowSeconds: 10 });
  });
  it("names a bad setting", () => {
    expect(() => parseEnv({ ...base, RATE_LIMIT_RETURN_ADDRESS: "lots" })).toThrow(/RATE_LIMIT_RETURN_ADDRESS must look like "10\/900"/);
  });
  it("takes the first forwarded address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": " 203.0.113.9 , 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
