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
};

/**
 * The one table of verification statuses: every other status record is derived from it. What the employee
 * reads for each status is in the catalogues (`statusPage.title.*`, `statusPage.body.*`).
 */
export const STATUS: Record<VerificationStatus, StatusEntry> = {
  starting: {
    label: "Starting",
    tone: "neutral",
    final: false,
  },
  pending: {
    label: "Pending",
    tone: "info",
    final: false,
  },
  approved: {
    label: "Verified",
    tone: "success",
    final: true,
  },
  declined: {
    label: "Declined",
    tone: "danger",
    final: true,
  },
  cancelled: {
    label: "Cancelled",
    tone: "warning",
    final: true,
  },
  expired: {
    label: "Expired",
    tone: "warning",
    final: true,
  },
  error: {
    label: "Error",
    tone: "danger",
    final: true,
  },
  failed: {
    label: "Failed to start",
    tone: "danger",
    final: true,
  },
  unknown: {
    label: "Unknown",
    tone: "neutral",
    final: false,
  },
  superseded: {
    label: "Replaced",
    tone: "neutral",
    final: false,
  },
};

const STATUSES = Object.keys(STATUS) as VerificationStatus[];
const pick = <T>(of: (entry: StatusEntry) => T) =>
  Object.fromEntries(STATUSES.map((status) => [status, of(STATUS[status])])) as Record<VerificationStatus, T>;

// Views of the table, for callers that want one column (the server code and tests that read them by these names).
export const STATUS_LABELS = pick((entry) => entry.label);
