import "server-only";
import { env } from "@/lib/env";
import pLimit from "p-limit";
import { easyFreelance, easyFreelanceBudget, upstreamForLog } from "@/lib/easyfreelance/server";
import { BACKGROUND, PERSON, type CallPriority } from "@/lib/easyfreelance/budget";
import { longestCallMs } from "@/lib/easyfreelance/client";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { VerificationStatusResult } from "@/lib/easyfreelance/schemas";
import {
  applyStatusUpdate,
  claimStatusRefresh,
  undoStatusRefreshClaim,
  findEfUserIdOfSession,
  releaseStatusRefresh,
  findSessionByReference,
  findSessionsByReferences,
  recordRedirect,
  type SessionRecord,
} from "@/lib/db/sessions";
import { fromUpstreamStatus, isFinal, needsUpstreamRefresh, refreshDueInMs, refreshPlan } from "./status";
import { isSessionReference } from "./reference";
import { toPublicStatus, type PublicStatus } from "./public-status";
import { readOnboarding } from "./onboarding";
import { log } from "@/lib/log";

// The status side of the verification domain: coalesced refreshes from EasyFreelance, the employee's
// public status, the HR list's live statuses, and the return redirect.

function toStatusUpdate(result: VerificationStatusResult, source: string) {
  return {
    status: fromUpstreamStatus(result.status),
    rawStatus: result.rawStatus,
    nextAction: result.rawNextAction,
    completedAt: result.completedAt,
    onboarding: result.onboarding ? JSON.parse(JSON.stringify(result.onboarding)) : null,
    source,
  };
}

/**
 * Brings a session up to date with EasyFreelance when it is due (return-driven: refreshPlan): only one caller
 * asks upstream (claimed in the database), within the shared budget; everyone else answers from the database.
 */
export async function refreshSession(session: SessionRecord, now = new Date(), options: RefreshOptions = {}): Promise<SessionRecord> {
  return (await refreshSessionReporting(session, now, options)).session;
}

function personPlan(session: SessionRecord, now: Date): CallPriority | null {
  const checked = session.lastCheckedAt?.getTime();
  return checked === undefined || now.getTime() - checked >= refreshTiming().firstMs ? PERSON : null;
}

/**
 * How a refresh went: `refreshed` only when this caller won the claim and EasyFreelance answered;
 * `budget_spent` when the shared budget had no room for a call of this priority (nothing was asked).
 */
export type RefreshOutcome = {
  session: SessionRecord;
  outcome: "not_due" | "claimed_elsewhere" | "refreshed" | "upstream_failed" | "budget_spent";
};

const refreshTiming = () => ({ firstMs: env().STATUS_REFRESH_SECONDS * 1000, maxMs: env().STATUS_REFRESH_MAX_SECONDS * 1000 });

/** Who asks: a page's poll (return-driven), HR opening the Verify dialog (a person, now), or the sweep. */
export type RefreshOptions = { background?: boolean; person?: boolean };

/**
 * refreshSession, saying what happened. `background`: the sweep, whose candidates are due by its own rule
 * (unchecked for minutes) and whose calls only take what people leave of the budget. `person`: HR is looking
 * at this session right now (the Verify dialog): asked unless it was checked in the last STATUS_REFRESH_SECONDS.
 */
export async function refreshSessionReporting(session: SessionRecord, now = new Date(), options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const followUp = awaitsOnboarding(session);
  if ((!needsUpstreamRefresh(session.status) && !followUp) || !session.efVerificationId) return { session, outcome: "not_due" };
  // The hot path: the row just read says whether a check is due, so a poll that is not due costs one query.
  const priority = options.background ? BACKGROUND : options.person ? personPlan(session, now) : refreshPlan(session, now, refreshTiming(), followUp);
  if (!priority) return { session, outcome: "not_due" };
  // This instance already knows there is no room for it: no claim, no query.
  if (easyFreelanceBudget().refusedFor(priority) > 0) return { session, outcome: "budget_spent" };
  const leaseMs = longestCallMs({ timeoutMs: env().EASYFREELANCE_TIMEOUT_MS }) + 5_000;
  if (!(await claimStatusRefresh(session.id, now, session.lastCheckedAt, leaseMs))) return { session, outcome: "claimed_elsewhere" };

  try {
    // An answer about another user, provider or ID type is refused by the client (fail closed, logged).
    const expected = { userId: await findEfUserIdOfSession(session.id), provider: session.provider, idType: session.idType };
    const result = await easyFreelance().getStatus(session.efVerificationId, expected, { priority });
    let update = toStatusUpdate(result, "status_endpoint");
    if (followUp) {
      // Only the onboarding of an approved session is followed: a later answer never takes the approval back.
      if (update.status !== "approved") {
        log.warn("verification: approved session answered differently", { session: session.id, rawStatus: result.rawStatus });
        return { session: { ...session, lastCheckedAt: now }, outcome: "refreshed" };
      }
      return { session: await applyStatusUpdate(session, { ...update, source: "onboarding_follow_up" }), outcome: "refreshed" };
    }
    // Past expires_at, EasyFreelance has had its last word: a session still pending is expired.
    if (session.expiresAt && session.expiresAt <= now && !isFinal(update.status)) {
      update = { ...update, status: "expired", source: "portal_expiry" };
    }
    if (session.status === "superseded") {
      // A late result of a replaced session is recorded once final; "still pending" changes nothing (and
      // must not make it active again next to its replacement).
      if (!isFinal(update.status)) return { session: { ...session, lastCheckedAt: now }, outcome: "refreshed" };
      update = { ...update, source: "status_endpoint_after_start_over" };
    }
    if (update.status === "unknown") {
      log.warn("verification: unknown upstream status", { session: session.id, rawStatus: upstreamForLog(result.rawStatus) });
    }
    return { session: await applyStatusUpdate(session, update), outcome: "refreshed" };
  } catch (error) {
    if (isEasyFreelanceError(error) && error.budgetSpent) {
      // Nothing was asked: the session stays due, for the next poll that finds room.
      await undoStatusRefreshClaim(session.id, now, session.lastCheckedAt);
      return { session, outcome: "budget_spent" };
    }
    if (isEasyFreelanceError(error)) {
      // A 429 from EasyFreelance has paused every call already (the client's budget): nothing to add here.
      log.warn("verification: status refresh failed", { session: session.id, kind: error.kind });
      // The claim stands (the next check is planned from it), so the caller sees the session as checked now.
      return { session: { ...session, lastCheckedAt: now }, outcome: "upstream_failed" };
    }
    throw error;
  } finally {
    await releaseStatusRefresh(session.id);
  }
}

/**
 * An approved session whose employee still has onboarding steps to do in EasyFreelance: its status answer
 * carries the onboarding, so the employee's page follows it through the same coalesced refresh (one
 * upstream call per session per interval, however many pages ask). Unknown onboarding is not followed.
 */
export function awaitsOnboarding(session: Pick<SessionRecord, "status" | "onboarding">): boolean {
  return session.status === "approved" && readOnboarding(session.onboarding)?.isOnboarded === false;
}

/**
 * How long until a poll of this session may make EasyFreelance be asked again (0: the next poll may), or null
 * when no poll will: the status page asks right then instead of on its own slower cadence.
 */
export function statusCheckInMs(session: SessionRecord, now = new Date()): number | null {
  const followUp = awaitsOnboarding(session);
  if ((!needsUpstreamRefresh(session.status) && !followUp) || !session.efVerificationId) return null;
  return refreshDueInMs(session, now, refreshTiming(), followUp);
}

/** What the employee's page and the status route answer, with when the next check is due. */
export function publicStatus(session: SessionRecord, now = new Date()): PublicStatus {
  return toPublicStatus(session, statusCheckInMs(session, now));
}

/** The public status of a session by its reference, refreshed from EasyFreelance when due. */
export async function getPublicStatus(reference: string): Promise<SessionRecord | null> {
  if (!isSessionReference(reference)) return null;
  const session = await findSessionByReference(reference);
  return session ? refreshSession(session) : null;
}

/** How many sessions one request refreshes from EasyFreelance at once. */
export const REFRESHES_PER_REQUEST = 4;

/**
 * The HR list's live view: the current status of many sessions in one go, each refreshed through
 * the same coalesced path as the employee's page when it is due.
 */
export async function getSessionStatuses(references: string[]): Promise<SessionRecord[]> {
  const valid = [...new Set(references)].filter(isSessionReference);
  if (valid.length === 0) return [];
  const sessions = await findSessionsByReferences(valid);
  const now = new Date();
  // Up to 100 sessions per request: a few upstream calls at a time, not a hundred at once (p-limit).
  const limit = pLimit(REFRESHES_PER_REQUEST);
  return Promise.all(sessions.map((session) => limit(() => refreshSession(session, now))));
}

/** Returns kept as events per session (the rest are counted on the session), and each one's bounds. */
export const RETURN_EVENTS_KEPT = 10;
export const RETURN_QUERY_MAX_KEYS = 20;
export const RETURN_QUERY_MAX_BYTES = 2048;

/**
 * Records the employee's return to /return/<reference>. Whatever query arrives was sent by the browser
 * (EasyFreelance's redirect, or anyone who has the link): kept as evidence only, bounded in keys and size,
 * never trusted as a result, which is whatever the status endpoint says.
 */
export async function recordReturn(reference: string, query: URLSearchParams): Promise<SessionRecord | null> {
  if (!isSessionReference(reference)) return null;
  const session = await findSessionByReference(reference);
  if (!session) return null;
  // PostgreSQL's jsonb cannot hold U+0000: it is replaced, or the whole return would fail to record.
  const clean = (text: string, max: number) => text.slice(0, max).replace(/\u0000/g, "\uFFFD");
  // A plain object built key by key with defineProperty-like semantics: a key like "__proto__" is kept
  // as evidence, not applied.
  const params: Record<string, string | string[]> = Object.create(null);
  let size = 2;
  let truncated = false;
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key).map((value) => clean(value, 512));
    const value = values.length === 1 ? values[0] : values;
    const cost = JSON.stringify({ [clean(key, 128)]: value }).length - 1;
    if (Object.keys(params).length >= RETURN_QUERY_MAX_KEYS || size + cost > RETURN_QUERY_MAX_BYTES) {
      truncated = true;
      break;
    }
    params[clean(key, 128)] = value;
    size += cost;
  }
  await recordRedirect(session.id, { ...params }, session.status, { keep: RETURN_EVENTS_KEPT, truncated });
  return session;
}
