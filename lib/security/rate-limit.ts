import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { addressKey, clientAddressFrom } from "./client-address";
import { clearRateLimit, hitRateLimit, type RateLimitResult } from "@/lib/db/rate-limits";
import { MemoryRateLimiter } from "./memory-rate-limit";

export type LimitName =
  "signInAccount" | "signInAccountAddress" | "signInAddress" | "statusAddress" | "returnAddress" | "statusesStaff" | "invitationAddress";

const SETTINGS = {
  signInAccount: "RATE_LIMIT_SIGN_IN_ACCOUNT",
  signInAccountAddress: "RATE_LIMIT_SIGN_IN_ACCOUNT_ADDRESS",
  signInAddress: "RATE_LIMIT_SIGN_IN_ADDRESS",
  statusAddress: "RATE_LIMIT_STATUS_ADDRESS",
  returnAddress: "RATE_LIMIT_RETURN_ADDRESS",
  statusesStaff: "RATE_LIMIT_STATUSES_STAFF",
  invitationAddress: "RATE_LIMIT_INVITATION_ADDRESS",
} as const;

/**
 * The caller's address as the key of a per-address limit (lib/security/client-address.ts: Vercel's header
 * or the trusted proxies' entry; an IPv6 address by its /64). Not proof of identity, which is why sign-in is
 * also limited per account.
 */
export function clientAddress(headers: Headers): string {
  return addressKey(clientAddressFrom(headers, { vercel: !!env().VERCEL, rule: env().TRUSTED_PROXIES }));
}

// The status page and its API route are polled every few seconds by each employee waiting on a verification:
// their limit is counted in this server instance's memory, as an upsert per poll was most of the route's cost. It
// then holds per instance (n instances let an address make up to n times the limit), enough for what it guards:
// the load one address puts on the database and EasyFreelance. The others stay shared in PostgreSQL: sign-in and
// invitation links guard credentials, which spreading requests over instances must not multiply; a return link is
// opened about once per verification, and the HR list's statuses are limited per staff user: few writes either way.
const PER_INSTANCE: ReadonlySet<LimitName> = new Set(["statusAddress"]);

// At most this many addresses counted at once (about 240 bytes each, so ~24 MB), far more than poll at once;
// past it the least recently seen address is forgotten and starts a new window.
const MEMORY_LIMIT_KEYS = 100_000;

// One limiter per process, whichever bundle imports this module (the page and the route must share counters).
const globalForLimits = globalThis as unknown as { portalMemoryRateLimiter?: MemoryRateLimiter };
const memoryLimiter = () => (globalForLimits.portalMemoryRateLimiter ??= new MemoryRateLimiter({ maxKeys: MEMORY_LIMIT_KEYS }));

const keyFor = (name: LimitName, subject: string) => `${name}:${createHash("sha256").update(subject.toLowerCase()).digest("base64url")}`;

/** Counts one attempt for `subject` (an address or an email); only a hash of it is kept. */
export async function checkLimit(name: LimitName, subject: string): Promise<RateLimitResult & { limit: number }> {
  const { limit, windowSeconds } = env()[SETTINGS[name]];
  const key = keyFor(name, subject);
  const result = PER_INSTANCE.has(name) ? memoryLimiter().hit(key, limit, windowSeconds) : await hitRateLimit(key, limit, windowSeconds);
  return { ...result, limit };
}

/** True for the first refused hit of a window: what gets audited, once, instead of every refusal. */
export const firstRefusal = (result: RateLimitResult & { limit: number }) => result.count === result.limit + 1;

export async function resetLimit(name: LimitName, subject: string): Promise<void> {
  if (PER_INSTANCE.has(name)) memoryLimiter().reset(keyFor(name, subject));
  else await clearRateLimit(keyFor(name, subject));
}

export function tooManyRequests(result: RateLimitResult): Response {
  return Response.json(
    { error: "rate_limited", retryAfterSeconds: result.retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds), "Cache-Control": "no-store, private" } },
  );
}
