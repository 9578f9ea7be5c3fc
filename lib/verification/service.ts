import "server-only";
import { env } from "@/lib/env";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { VerificationStatusResult } from "@/lib/easyfreelance/schemas";
import { findEmployee } from "@/lib/db/employees";
import {
  applyStatusUpdate,
  claimStatusRefresh,
  createStartingSession,
  deferStatusRefresh,
  findOpenSession,
  findSessionByReference,
  findSessionsByReferences,
  markSessionFailed,
  markSessionStarted,
  recordRedirect,
  type SessionRecord,
} from "@/lib/db/sessions";
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { fromUpstreamStatus, isRefreshDue, needsUpstreamRefresh } from "./status";
import { isSessionReference, newSessionReference } from "./reference";

export type StartVerificationInput =
  | { employeeId: string; provider: "veriff"; idType: IdType }
  | { employeeId: string; provider: "bankid" };

export type StartVerificationResult =
  | { ok: true; reused: boolean; session: SessionRecord }
  | { ok: false; error: string; retryAfterSeconds?: number };

export function returnUrlFor(reference: string): string {
  return new URL(`/return/${reference}`, env().APP_URL).toString();
}

/**
 * Starts (or reuses) an EasyFreelance verification for an employee. The session row is written
 * first and completed or failed afterwards: a crash or upstream error leaves a visible attempt.
 * EasyFreelance has no idempotency key, so the flow POST is never retried blindly.
 */
export async function startVerification(input: StartVerificationInput, staffId: string): Promise<StartVerificationResult> {
  const employee = await findEmployee(input.employeeId);
  if (!employee) return { ok: false, error: "This employee no longer exists. Reload the page." };

  const open = await findOpenSession(employee.id, new Date());
  const idType: IdType | null = input.provider === "veriff" ? input.idType : null;
  if (open && open.provider === input.provider && open.idType === idType) {
    return { ok: true, reused: true, session: open };
  }

  const reference = newSessionReference();
  const returnUrl = returnUrlFor(reference);
  const session = await createStartingSession({
    reference,
    employeeId: employee.id,
    provider: input.provider as Provider,
    idType,
    returnUrl,
    startedById: staffId,
  });

  try {
    const flow = await easyFreelance().startFlow(
      employee.efUserId,
      input.provider === "veriff" ? { provider: "veriff", idType: input.idType, returnUrl } : { provider: "bankid", returnUrl },
    );
    const started = await markSessionStarted(session.id, {
      efVerificationId: flow.verificationId,
      verificationUrl: flow.verificationUrl,
      expiresAt: flow.expiresAt,
      status: fromUpstreamStatus(flow.status),
      rawStatus: flow.rawStatus,
    });
    return { ok: true, reused: false, session: started };
  } catch (error) {
    const failure = isEasyFreelanceError(error)
      ? { kind: error.kind, message: error.safeMessage, retryAfterSeconds: error.retryAfterSeconds }
      : { kind: "internal", message: "The verification could not be started because of an internal error. Try again." };
    if (!isEasyFreelanceError(error)) console.error("[verification] start failed", error instanceof Error ? error.name : typeof error);
    await markSessionFailed(session.id, { kind: failure.kind, message: failure.message });
    return { ok: false, error: failure.message, retryAfterSeconds: failure.retryAfterSeconds };
  }
}

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
 * Brings a session up to date with EasyFreelance when it is due: only one caller per refresh
 * interval asks upstream (claimed in the database); everyone else answers from the database.
 */
export async function refreshSession(session: SessionRecord, now = new Date()): Promise<SessionRecord> {
  if (!needsUpstreamRefresh(session.status) || !session.efVerificationId) return session;
  const intervalMs = env().STATUS_REFRESH_SECONDS * 1000;
  // The hot path: the row just read says no check is due, so answer it without a second query.
  if (!isRefreshDue(session, now, intervalMs)) return session;
  if (!(await claimStatusRefresh(session.id, now, intervalMs))) return session;

  try {
    const result = await easyFreelance().getStatus(session.efVerificationId);
    let update = toStatusUpdate(result, "status_endpoint");
    // Past expires_at, EasyFreelance has had its last word: a session still pending is expired.
    if (session.expiresAt && session.expiresAt <= now && !["approved", "declined", "cancelled", "expired", "error"].includes(update.status)) {
      update = { ...update, status: "expired", source: "portal_expiry" };
    }
    if (update.status === "unknown") {
      console.warn("[verification] unknown upstream status", { session: session.id, rawStatus: result.rawStatus });
    }
    return await applyStatusUpdate(session, update);
  } catch (error) {
    if (isEasyFreelanceError(error)) {
      console.warn("[verification] status refresh failed", { session: session.id, kind: error.kind });
      if (error.kind === "rate_limited" && error.retryAfterSeconds) {
        await deferStatusRefresh(session.id, new Date(now.getTime() + error.retryAfterSeconds * 1000), intervalMs);
      }
      return session;
    }
    throw error;
  }
}

/** The public status of a session by its reference, refreshed from EasyFreelance when due. */
export async function getPublicStatus(reference: string): Promise<SessionRecord | null> {
  if (!isSessionReference(reference)) return null;
  const session = await findSessionByReference(reference);
  return session ? refreshSession(session) : null;
}

/**
 * The HR list's live view: the current status of many sessions in one go, each refreshed through
 * the same coalesced path as the employee's page when it is due.
 */
export async function getSessionStatuses(references: string[]): Promise<SessionRecord[]> {
  const valid = [...new Set(references)].filter(isSessionReference);
  if (valid.length === 0) return [];
  const sessions = await findSessionsByReferences(valid);
  const now = new Date();
  return Promise.all(sessions.map((session) => refreshSession(session, now)));
}

/**
 * Records the employee's return from EasyFreelance. The query string is kept as evidence only:
 * the result is whatever the status endpoint says, never what the redirect claims.
 */
export async function recordReturn(reference: string, query: URLSearchParams): Promise<SessionRecord | null> {
  if (!isSessionReference(reference)) return null;
  const session = await findSessionByReference(reference);
  if (!session) return null;
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key).map((value) => value.slice(0, 512));
    params[key.slice(0, 128)] = values.length === 1 ? values[0] : values;
  }
  await recordRedirect(session.id, params, session.status);
  return session;
}
