// Status vocabulary of a verification session, shared by server and client code (no I/O here).
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

export type { VerificationStatus };

// Final: nothing EasyFreelance says later changes them (failed = never reached EasyFreelance).
export const FINAL_STATUSES = ["approved", "declined", "cancelled", "expired", "error", "failed"] as const satisfies readonly VerificationStatus[];

export function isFinal(status: VerificationStatus): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** Statuses worth asking EasyFreelance about. `unknown` is retried: the next answer may be one we know. */
export function needsUpstreamRefresh(status: VerificationStatus): boolean {
  // A superseded session is still asked about, so a late result from its old link is recorded.
  return status === "pending" || status === "unknown" || status === "superseded";
}

/**
 * Whether a session's last check is old enough to ask EasyFreelance again. Only a hint read from the
 * row: the database claim (claimStatusRefresh) still decides who actually calls.
 */
export function isRefreshDue(session: { lastCheckedAt: Date | null }, now: Date, intervalMs: number): boolean {
  return !session.lastCheckedAt || session.lastCheckedAt.getTime() <= now.getTime() - intervalMs;
}

/** Maps EasyFreelance's status (already normalised by the client; anything unrecognised is "unknown"). */
export function fromUpstreamStatus(status: string): VerificationStatus {
  switch (status) {
    case "pending":
    case "approved":
    case "declined":
    case "cancelled":
    case "expired":
    case "error":
      return status;
    default:
      // Fail closed: an unrecognised status is never treated as verified.
      return "unknown";
  }
}

export const STATUS_LABELS: Record<VerificationStatus, string> = {
  starting: "Starting",
  pending: "Pending",
  approved: "Verified",
  declined: "Declined",
  cancelled: "Cancelled",
  expired: "Expired",
  error: "Error",
  failed: "Failed to start",
  unknown: "Unknown",
  superseded: "Replaced",
};

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

export const STATUS_TONES: Record<VerificationStatus, Tone> = {
  starting: "neutral",
  pending: "info",
  approved: "success",
  declined: "danger",
  cancelled: "warning",
  expired: "warning",
  error: "danger",
  failed: "danger",
  unknown: "neutral",
  superseded: "neutral",
};

/** What the employee reads on their status page: what happened and what to do next. */
export const EMPLOYEE_MESSAGES: Record<VerificationStatus, { title: string; body: string }> = {
  starting: { title: "Getting ready", body: "Your verification is being prepared. This page updates by itself." },
  pending: {
    title: "Checking your verification",
    body: "We are waiting for the result from EasyFreelance. This usually takes less than a minute; keep this page open.",
  },
  approved: { title: "You are verified", body: "Your identity has been confirmed. You can close this page." },
  declined: {
    title: "Verification declined",
    body: "Your identity could not be confirmed. Contact your HR team to get a new verification link.",
  },
  cancelled: {
    title: "Verification cancelled",
    body: "The verification was cancelled before it finished. Ask your HR team for a new link when you are ready.",
  },
  expired: { title: "Link expired", body: "This verification link has expired. Ask your HR team for a new one." },
  error: {
    title: "Something went wrong",
    body: "The identity provider reported an error. Ask your HR team for a new verification link.",
  },
  failed: { title: "Verification not started", body: "This verification could not be started. Contact your HR team." },
  unknown: {
    title: "Still checking",
    body: "We received a status we do not recognise yet and are checking again. Keep this page open.",
  },
  superseded: {
    title: "This link was replaced",
    body: "Your HR team started a new verification. Use the newest link they sent you.",
  },
};
