import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { clearRateLimit, hitRateLimit, type RateLimitResult } from "@/lib/db/rate-limits";

export type LimitName = "signInAccount" | "signInAddress" | "statusAddress" | "returnAddress" | "invitationAddress";

const SETTINGS = {
  signInAccount: "RATE_LIMIT_SIGN_IN_ACCOUNT",
  signInAddress: "RATE_LIMIT_SIGN_IN_ADDRESS",
  statusAddress: "RATE_LIMIT_STATUS_ADDRESS",
  returnAddress: "RATE_LIMIT_RETURN_ADDRESS",
  invitationAddress: "RATE_LIMIT_INVITATION_ADDRESS",
} as const;

/**
 * The caller's address: the first X-Forwarded-For hop, as set by the platform's proxy (Vercel overwrites
 * it; so does Next.js when there is none). Not a secret and not proof of identity, which is why sign-in is
 * also limited per account.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim() || "unknown";
  return address.slice(0, 64);
}

const keyFor = (name: LimitName, subject: string) => `${name}:${createHash("sha256").update(subject.toLowerCase()).digest("base64url")}`;

/** Counts one attempt for `subject` (an address or an email); only a hash of it is stored. */
export async function checkLimit(name: LimitName, subject: string): Promise<RateLimitResult> {
  const { limit, windowSeconds } = env()[SETTINGS[name]];
  return hitRateLimit(keyFor(name, subject), limit, windowSeconds);
}

export async function resetLimit(name: LimitName, subject: string): Promise<void> {
  await clearRateLimit(keyFor(name, subject));
}

export function tooManyRequests(result: RateLimitResult): Response {
  return Response.json(
    { error: "rate_limited", retryAfterSeconds: result.retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
