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

type RefreshSubject = { lastCheckedAt: Date | null; lastReturnedAt: Date | null; statusChangedAt: Date; expiresAt?: Date | null };

/** What the schedule counts from: the return, or for a followed onboarding the approval (or a later return). */
function refreshAnchor(session: RefreshSubject, followsOnboarding: boolean): number | undefined {
  return followsOnboarding ? Math.max(session.statusChangedAt.getTime(), session.lastReturnedAt?.getTime() ?? 0) : session.lastReturnedAt?.getTime();
}

/**
 * Return-driven refresh: how long until a poll may ask EasyFreelance about a session (0: now), or null when
 * no poll will (the sweep looks now and then). Before the employee's return they are still inside
 * EasyFreelance and the answer cannot be final, so nothing is asked. After it, the first check comes
 * `firstMs` later, then each gap is as long as the time since the return (1, 2, 4, 8 … × firstMs), never
 * longer than `maxMs`, for RETURN_FOLLOW_MS. An approval whose onboarding is followed counts from the
 * approval. Read from the row only: the database claim still decides who actually calls.
 */
export function refreshDueInMs(session: RefreshSubject, now: Date, timing: RefreshTiming, followsOnboarding = false): number | null {
  const nowMs = now.getTime();
  const checked = session.lastCheckedAt?.getTime() ?? null;
  // Past its expiry, EasyFreelance has its last word once (then the session is final): asked by whoever looks
  // first (the employee's invitation page, say), and again only after the longest gap if that failed.
  const expiredAt = followsOnboarding ? undefined : session.expiresAt?.getTime();
  if (expiredAt !== undefined && expiredAt <= nowMs) {
    if (checked === null || checked < expiredAt) return 0;
    const retry = checked + timing.maxMs - nowMs;
    if (retry <= 0) return 0;
    const followed = refreshDueInMs({ ...session, expiresAt: null }, now, timing, followsOnboarding);
    return followed === null ? retry : Math.min(retry, followed);
  }
  const anchor = refreshAnchor(session, followsOnboarding);
  if (anchor === undefined) return null;
  let dueAt = anchor + timing.firstMs;
  if (checked !== null && checked > anchor) dueAt = Math.max(dueAt, checked + Math.min(timing.maxMs, Math.max(timing.firstMs, checked - anchor)));
  // Long after the return without a decision (a manual review, say), the sweep's occasional look is enough.
  if (dueAt > anchor + RETURN_FOLLOW_MS || nowMs > anchor + RETURN_FOLLOW_MS) return null;
  return Math.max(0, dueAt - nowMs);
}

/** Whether a poll should ask EasyFreelance now (refreshDueInMs is 0), and how urgently: the call's priority in the shared budget. */
export function refreshPlan(session: RefreshSubject, now: Date, timing: RefreshTiming, followsOnboarding = false): CallPriority | null {
  if (refreshDueInMs(session, now, timing, followsOnboarding) !== 0) return null;
  const anchor = refreshAnchor(session, followsOnboarding);
  // The freshest returns go first; an expired session's last word is as urgent as a fresh return.
  return { kind: "returned", sinceMs: anchor === undefined || now.getTime() - anchor > RETURN_FOLLOW_MS ? 0 : now.getTime() - anchor };
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
