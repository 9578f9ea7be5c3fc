// Status vocabulary of a verification session, shared by server and client code (no I/O here).
import type { VerificationStatus } from "@/lib/generated/prisma/enums";
import type { CallPriority } from "@/lib/easyfreelance/budget";

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

/** How long after a return (or an approval whose onboarding is followed) polls may ask EasyFreelance. */
export const RETURN_FOLLOW_MS = 15 * 60_000;

/** STATUS_REFRESH_SECONDS and STATUS_REFRESH_MAX_SECONDS, in ms. */
export type RefreshTiming = { firstMs: number; maxMs: number };

/**
 * Return-driven refresh: whether a poll should ask EasyFreelance about a session now, and how urgently (the
 * priority of the call in the shared budget); null when not. Before the employee's return they are still
 * inside EasyFreelance and the answer cannot be final, so nothing is asked (the sweep looks now and then).
 * After it, the first check comes `firstMs` later, then each gap is as long as the time since the return
 * (1, 2, 4, 8 … × firstMs), never longer than `maxMs`, for RETURN_FOLLOW_MS; then the sweep again. An
 * approval whose onboarding is followed counts from the approval. Only a hint read from the row: the database claim still decides who actually calls.
 */
export function refreshPlan(
  session: { lastCheckedAt: Date | null; lastReturnedAt: Date | null; statusChangedAt: Date; expiresAt?: Date | null },
  now: Date,
  timing: RefreshTiming,
  followsOnboarding = false,
): CallPriority | null {
  // Past its expiry, EasyFreelance has its last word once (then the session is final): asked by whoever looks
  // first (the employee's invitation page, say), and again only after the longest gap if that failed.
  const expiredAt = followsOnboarding ? undefined : session.expiresAt?.getTime();
  if (expiredAt !== undefined && expiredAt <= now.getTime()) {
    const checked = session.lastCheckedAt?.getTime() ?? null;
    if (checked === null || checked < expiredAt || now.getTime() - checked >= timing.maxMs) return { kind: "returned", sinceMs: 0 };
  }
  const anchor = followsOnboarding
    ? Math.max(session.statusChangedAt.getTime(), session.lastReturnedAt?.getTime() ?? 0)
    : session.lastReturnedAt?.getTime();
  if (anchor === undefined) return null;
  const sinceMs = now.getTime() - anchor;
  // Long after the return without a decision (a manual review, say), the sweep's occasional look is enough.
  if (sinceMs < timing.firstMs || sinceMs > RETURN_FOLLOW_MS) return null;
  const last = session.lastCheckedAt?.getTime() ?? null;
  if (last !== null && last > anchor) {
    const gap = Math.min(timing.maxMs, Math.max(timing.firstMs, last - anchor));
    if (now.getTime() < last + gap) return null;
  }
  return { kind: "returned", sinceMs };
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
