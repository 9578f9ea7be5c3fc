// The invitation's rules as pure functions (no database, no clock of their own), so tests can pin them:
// its token, what the page offers, what HR sees, and when a reminder may go out.
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh salt; the token is derived from it and the server secret (32 bytes of HMAC-SHA-256, 256 bits). */
export function newTokenSalt(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The invitation's token: HMAC(AUTH_SECRET, salt). The database stores only its hash and the salt, so a copy of
 * the database alone opens no invitation, while the portal can show HR the same link again (and put it in a
 * reminder). Rotating AUTH_SECRET makes shown links differ from the stored hash: the portal then says so.
 */
export function invitationToken(secret: string, salt: string): string {
  return createHmac("sha256", secret).update(`invitation:${salt}`).digest("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function isInvitationToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}

export type InvitationFacts = {
  expiresAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
  createdAt: Date;
  attempts: number;
};

/** The newest session started from the invitation (or the employee's open one). */
export type SessionFacts = { status: VerificationStatus; expiresAt: Date | null; verificationUrl: string | null } | null;

export type InvitationPhase =
  | { kind: "revoked" }
  | { kind: "expired" }
  /** Verified since the invitation was created: the page shows the result. */
  | { kind: "verified" }
  /** A flow is open: Start continues it. */
  | { kind: "in_progress" }
  /** Start begins a flow; `retry` after a declined, cancelled or failed one. */
  | { kind: "ready"; retry: boolean; attemptsLeft: number }
  /** INVITATION_ATTEMPTS flows were started and none succeeded: ask HR. */
  | { kind: "attempts_used" };

const RETRYABLE: readonly VerificationStatus[] = ["declined", "cancelled", "error", "failed", "expired", "superseded", "unknown"];

/** What the invitation page offers now. */
export function invitationPhase(
  invitation: InvitationFacts,
  session: SessionFacts,
  verifiedAt: Date | null,
  maxAttempts: number,
  now: Date,
): InvitationPhase {
  if (invitation.closedAt && invitation.closedReason === "revoked") return { kind: "revoked" };
  if (verifiedAt && verifiedAt >= invitation.createdAt) return { kind: "verified" };
  if (invitation.closedAt || invitation.expiresAt <= now) return { kind: "expired" };
  // A session past its expiry is not in progress: the next Start replaces it (without counting an attempt).
  if (session && (session.status === "pending" || session.status === "starting") && (!session.expiresAt || session.expiresAt > now)) {
    return { kind: "in_progress" };
  }
  if (session?.status === "approved") return { kind: "verified" };
  // "Try again" after the employee's own failed attempt; a session that merely expired is simply started anew.
  const retry = session !== null && RETRYABLE.includes(session.status) && !isExpiredSession(session, now);
  if (invitation.attempts >= maxAttempts && !(session && isExpiredSession(session, now))) return { kind: "attempts_used" };
  return { kind: "ready", retry, attemptsLeft: Math.max(0, maxAttempts - invitation.attempts) };
}

/** An upstream session that died of old age (not the employee's doing): replacing it is not a new attempt. */
export function isExpiredSession(session: NonNullable<SessionFacts>, now: Date): boolean {
  return (
    session.status === "expired" ||
    ((session.status === "pending" || session.status === "unknown") && session.expiresAt !== null && session.expiresAt <= now)
  );
}

/** What HR sees per employee: the invitation's progress, with when. */
export type InvitationProgress = "invited" | "opened" | "in_progress" | "verified" | "needs_attention";
export const INVITATION_PROGRESS: readonly InvitationProgress[] = ["invited", "opened", "in_progress", "verified", "needs_attention"];

export type ProgressFacts = InvitationFacts & {
  openedAt: Date | null;
  lastOpenedAt: Date | null;
  sentAt: Date | null;
  sendFailedAt: Date | null;
};

export function invitationProgress(
  invitation: ProgressFacts,
  session: (NonNullable<SessionFacts> & { statusChangedAt: Date }) | null,
  verifiedAt: Date | null,
  maxAttempts: number,
  now: Date,
): { progress: InvitationProgress; at: Date; reason?: "not_sent" | "expired" | "revoked" | "attempts_used" | "failed_attempt" } {
  if (verifiedAt && verifiedAt >= invitation.createdAt) return { progress: "verified", at: verifiedAt };
  if (invitation.closedAt)
    return { progress: "needs_attention", at: invitation.closedAt, reason: invitation.closedReason === "revoked" ? "revoked" : "expired" };
  if (invitation.expiresAt <= now) return { progress: "needs_attention", at: invitation.expiresAt, reason: "expired" };
  if (invitation.sendFailedAt && (!invitation.sentAt || invitation.sendFailedAt > invitation.sentAt)) {
    return { progress: "needs_attention", at: invitation.sendFailedAt, reason: "not_sent" };
  }
  const phase = invitationPhase(invitation, session, verifiedAt, maxAttempts, now);
  if (phase.kind === "attempts_used") return { progress: "needs_attention", at: session?.statusChangedAt ?? now, reason: "attempts_used" };
  if (phase.kind === "in_progress") return { progress: "in_progress", at: session!.statusChangedAt };
  if (phase.kind === "ready" && phase.retry && session && !isExpiredSession(session, now)) {
    return { progress: "needs_attention", at: session.statusChangedAt, reason: "failed_attempt" };
  }
  if (invitation.openedAt) return { progress: "opened", at: invitation.lastOpenedAt ?? invitation.openedAt };
  return { progress: "invited", at: invitation.sentAt ?? invitation.createdAt };
}

const OSLO_PARTS = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", weekday: "short", hour: "2-digit", hourCycle: "h23" });

/** Reminders go out only on weekdays between 08:00 and 18:00 in Oslo (employees are not pinged at night). */
export function isOfficeHours(now: Date): boolean {
  const parts = Object.fromEntries(OSLO_PARTS.formatToParts(now).map((part) => [part.type, part.value]));
  if (parts.weekday === "Sat" || parts.weekday === "Sun") return false;
  const hour = Number(parts.hour);
  return hour >= 8 && hour < 18;
}
