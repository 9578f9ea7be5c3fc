import "server-only";
import { env } from "@/lib/env";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { VerificationStatusResult } from "@/lib/easyfreelance/schemas";
import { findEmployee } from "@/lib/db/employees";
import {
  abandonStartingSession,
  findActiveSession,
  findStartFailure,
  isUniqueViolation,
  recordReuse,
  supersedeSession,
  applyStatusUpdate,
  claimStatusRefresh,
  createStartingSession,
  deferStatusRefresh,
  findSessionByReference,
  findSessionsByReferences,
  markSessionFailed,
  markSessionStarted,
  recordRedirect,
  type SessionRecord,
} from "@/lib/db/sessions";
import { findReturnUrlRegistration, recordReturnUrlEvidence } from "@/lib/db/return-urls";
import type { IdType, Provider, StaffRole } from "@/lib/generated/prisma/enums";
import { audienceFor, describeStartFailure, isReturnUrlRejection } from "./failures";
import { fromUpstreamStatus, isFinal, isRefreshDue, needsUpstreamRefresh } from "./status";
import { isSessionReference, newSessionReference } from "./reference";

export type StartVerificationInput = (
  | { employeeId: string; provider: "veriff"; idType: IdType }
  | { employeeId: string; provider: "bankid" }
) & {
  /** Start over: the id of the open session HR saw, to be superseded by a new one. */
  replaceSessionId?: string;
};

export type StartVerificationResult =
  | { ok: true; reused: boolean; session: SessionRecord }
  | { ok: false; error: string; retryAfterSeconds?: number };

/** Who clicked Verify: recorded on the session; the role decides how a failure is explained. */
export type StartingStaff = { id: string; role: StaffRole };

/** The return URL to register with EasyFreelance; every flow's return URL is this base plus a reference. */
export function returnUrlBase(): string {
  return new URL("/return", env().APP_URL).toString();
}

// A start whose row is still "starting" after this long died mid-call (the call itself times out sooner).
const STALE_START_MS = 2 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function returnUrlFor(reference: string): string {
  return new URL(`/return/${reference}`, env().APP_URL).toString();
}

/**
 * Starts (or reuses) an EasyFreelance verification for an employee. The session row is written
 * first and completed or failed afterwards: a crash or upstream error leaves a visible attempt.
 * EasyFreelance has no idempotency key, so the flow POST is never retried blindly.
 */
export async function startVerification(input: StartVerificationInput, staff: StartingStaff): Promise<StartVerificationResult> {
  const employee = await findEmployee(input.employeeId);
  if (!employee) return { ok: false, error: "This employee no longer exists. Reload the page." };

  const idType: IdType | null = input.provider === "veriff" ? input.idType : null;
  const reference = newSessionReference();
  const returnUrl = returnUrlFor(reference);

  // The database allows one starting-or-pending session per employee (partial unique index), so of any
  // number of concurrent starts exactly one inserts and calls EasyFreelance; the others wait for its
  // result and reuse it. Bounded: a start cannot take longer than one EasyFreelance call.
  const deadline = Date.now() + env().EASYFREELANCE_TIMEOUT_MS + 5_000;
  let session: SessionRecord | null = null;
  let waitedOn: string | null = null;
  while (!session) {
    const now = new Date();
    const active = await findActiveSession(employee.id);
    if (!active && waitedOn) {
      // The start we waited for failed: report its failure rather than call EasyFreelance again.
      const failure = await findStartFailure(waitedOn);
      if (failure) return { ok: false, error: failure };
    }
    waitedOn = null;
    if (active?.status === "starting") {
      if (active.createdAt.getTime() < now.getTime() - STALE_START_MS) {
        await abandonStartingSession(active.id);
        continue;
      }
      waitedOn = active.id;
      if (Date.now() > deadline) {
        return { ok: false, error: "Another verification for this employee is still starting. Try again in a moment." };
      }
      await sleep(50 + Math.random() * 100);
      continue;
    }
    if (active && active.expiresAt && active.expiresAt <= now) {
      await applyStatusUpdate(active, { status: "expired", rawStatus: null, nextAction: null, completedAt: null, onboarding: null, source: "portal_expiry" });
      continue;
    }
    if (active && input.replaceSessionId === active.id) {
      await supersedeSession(active.id, staff.id);
      continue;
    }
    if (active) {
      if (active.provider === input.provider && active.idType === idType) {
        await recordReuse(active.id, staff.id);
        return { ok: true, reused: true, session: active };
      }
      const open = active.provider === "veriff" ? "Veriff" : "BankID";
      return { ok: false, error: `This employee already has an open ${open} verification. Choose ${open} to get its link, and start over from there to replace it.` };
    }
    try {
      session = await createStartingSession({
        reference,
        employeeId: employee.id,
        provider: input.provider as Provider,
        idType,
        returnUrl,
        startedById: staff.id,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request inserted first: loop and reuse (or wait for) its session.
    }
  }

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
    // A flow that started with our return URL is the only published proof that it is approved.
    await recordReturnUrlEvidence(returnUrlBase(), "flow_started", started.id);
    return { ok: true, reused: false, session: started };
  } catch (error) {
    if (!isEasyFreelanceError(error)) console.error("[verification] start failed", error instanceof Error ? error.name : typeof error);
    const base = returnUrlBase();
    const failure = describeStartFailure(error, {
      audience: audienceFor(staff.role),
      returnUrlBase: base,
      returnUrl,
      efUserId: employee.efUserId,
      timeoutMs: env().EASYFREELANCE_TIMEOUT_MS,
      registration:
        isEasyFreelanceError(error) && isReturnUrlRejection(error) ? await findReturnUrlRegistration(base).catch(() => null) : undefined,
    });
    if (isEasyFreelanceError(error)) {
      console.warn("[verification] start failed", { session: session.id, kind: failure.kind, httpStatus: failure.httpStatus });
      if (failure.kind === "return_url_not_approved") await recordReturnUrlEvidence(base, "flow_rejected", session.id);
    }
    await markSessionFailed(session.id, {
      kind: failure.kind,
      message: failure.reason,
      errorKind: isEasyFreelanceError(error) ? error.kind : undefined,
      httpStatus: failure.httpStatus,
      retryAfterSeconds: failure.retryAfterSeconds,
      fieldErrors: failure.fieldErrors,
      upstreamMessage: failure.upstreamMessage,
      returnUrl: failure.kind === "return_url_not_approved" ? returnUrl : undefined,
    });
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
    if (session.expiresAt && session.expiresAt <= now && !isFinal(update.status)) {
      update = { ...update, status: "expired", source: "portal_expiry" };
    }
    if (session.status === "superseded") {
      // A late result of a replaced session is recorded once final; "still pending" changes nothing (and
      // must not make it active again next to its replacement).
      if (!isFinal(update.status)) return session;
      update = { ...update, source: "status_endpoint_after_start_over" };
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
  // fromEntries defines own properties, so a key like "__proto__" is kept as evidence, not applied.
  // PostgreSQL's jsonb cannot hold U+0000: it is replaced, or the whole return would fail to record.
  const clean = (text: string, max: number) => text.slice(0, max).replace(/\u0000/g, "\uFFFD");
  const params: Record<string, string | string[]> = Object.fromEntries(
    [...new Set(query.keys())].map((key) => {
      const values = query.getAll(key).map((value) => clean(value, 512));
      return [clean(key, 128), values.length === 1 ? values[0] : values];
    }),
  );
  await recordRedirect(session.id, params, session.status);
  return session;
}
