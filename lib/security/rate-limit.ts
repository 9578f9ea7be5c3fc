import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { addressKey, clientAddressFrom } from "./client-address";
import { clearRateLimit, hitRateLimit, type RateLimitResult } from "@/lib/db/rate-limits";

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

const keyFor = (name: LimitName, subject: string) => `${name}:${createHash("sha256").update(subject.toLowerCase()).digest("base64url")}`;

/** Counts one attempt for `subject` (an address or an email); only a hash of it is stored. */
export async function checkLimit(name: LimitName, subject: string): Promise<RateLimitResult & { limit: number }> {
  const { limit, windowSeconds } = env()[SETTINGS[name]];
  return { ...(await hitRateLimit(keyFor(name, subject), limit, windowSeconds)), limit };
}

/** True for the first refused hit of a window: what gets audited, once, instead of every refusal. */
export const firstRefusal = (result: RateLimitResult & { limit: number }) => result.count === result.limit + 1;

export async function resetLimit(name: LimitName, subject: string): Promise<void> {
  await clearRateLimit(keyFor(name, subject));
}

export function tooManyRequests(result: RateLimitResult): Response {
  return Response.json(
    { error: "rate_limited", retryAfterSeconds: result.retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds), "Cache-Control": "no-store, private" } },
  );
}
