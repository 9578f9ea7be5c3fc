// Status vocabulary of a verification session, shared by server and client code (no I/O here).
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

export type { VerificationStatus };

/**
 * A status is `final` when nothing EasyFreelance says later changes it (failed = never reached EasyFreelance).
 * The portal says "final"; EasyFreelance's own "terminal" statuses (lib/easyfreelance/schemas/vocabulary.ts)
 * are the upstream ones only, without the portal's `failed`.
 */
export function isFinal(status: VerificationStatus): boolean {
  return STATUS[status].final;
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

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

type StatusEntry = {
  /** What staff read (badges, filters, CSV). */
  label: string;
  tone: Tone;
  final: boolean;
  /** What the employee reads on their status page: what happened and what to do next. */
  employee: { title: string; body: string };
};

/** The one table of verification statuses: every other status record is derived from it. */
export const STATUS: Record<VerificationStatus, StatusEntry> = {
  starting: {
    label: "Starting",
    tone: "neutral",
    final: false,
    employee: { title: "Getting ready", body: "Your verification is being prepared. This page updates by itself." },
  },
  pending: {
    label: "Pending",
    tone: "info",
    final: false,
    employee: {
      title: "Checking your verification",
      body: "We are waiting for the result from EasyFreelance. This usually takes less than a minute; keep this page open.",
    },
  },
  approved: {
    label: "Verified",
    tone: "success",
    final: true,
    employee: { title: "You are verified", body: "Your identity has been confirmed. You can close this page." },
  },
  declined: {
    label: "Declined",
    tone: "danger",
    final: true,
    employee: {
      title: "Verification declined",
      body: "Your identity could not be confirmed. Contact your HR team to get a new verification link.",
    },
  },
  cancelled: {
    label: "Cancelled",
    tone: "warning",
    final: true,
    employee: {
      title: "Verification cancelled",
      body: "The verification was cancelled before it finished. Ask your HR team for a new link when you are ready.",
    },
  },
  expired: {
    label: "Expired",
    tone: "warning",
    final: true,
    employee: { title: "Link expired", body: "This verification link has expired. Ask your HR team for a new one." },
  },
  error: {
    label: "Error",
    tone: "danger",
    final: true,
    employee: { title: "Something went wrong", body: "The identity provider reported an error. Ask your HR team for a new verification link." },
  },
  failed: {
    label: "Failed to start",
    tone: "danger",
    final: true,
    employee: { title: "Verification not started", body: "This verification could not be started. Contact your HR team." },
  },
  unknown: {
    label: "Unknown",
    tone: "neutral",
    final: false,
    employee: { title: "Still checking", body: "We received a status we do not recognise yet and are checking again. Keep this page open." },
  },
  superseded: {
    label: "Replaced",
    tone: "neutral",
    final: false,
    employee: { title: "This link was replaced", body: "Your HR team started a new verification. Use the newest link they sent you." },
  },
};

const STATUSES = Object.keys(STATUS) as VerificationStatus[];
const pick = <T>(of: (entry: StatusEntry) => T) =>
  Object.fromEntries(STATUSES.map((status) => [status, of(STATUS[status])])) as Record<VerificationStatus, T>;

// Views of the table, for callers that want one column (the server code and tests that read them by these names).
export const STATUS_LABELS = pick((entry) => entry.label);
export const EMPLOYEE_MESSAGES = pick((entry) => entry.employee);
