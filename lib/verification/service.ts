import "server-only";
import { env } from "@/lib/env";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import { findEmployee } from "@/lib/db/employees";
import { recordAudit } from "@/lib/db/audit";
import {
  abandonStartingSession,
  findActiveSessions,
  findSessionById,
  findStartFailure,
  isUniqueViolation,
  recordReuse,
  applyStatusUpdate,
  createStartingSession,
  markSessionFailed,
  markSessionStarted,
  type SessionRecord,
} from "@/lib/db/sessions";
import { findReturnUrlRegistration, recordReturnUrlEvidence } from "@/lib/db/return-urls";
import type { IdType, Provider, StaffRole } from "@/lib/generated/prisma/enums";
import { audienceFor, describeStartFailure, failureTranslator, isReturnUrlRejection, renderFailure } from "./failures";
import { fromUpstreamStatus } from "./status";
import { PROVIDER_LABELS } from "./verified";
import { describeVerification } from "./verified-text";
import { translator } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { returnUrlBase, returnUrlFor } from "./urls";
import { newSessionReference } from "./reference";
import { log } from "@/lib/log";

export type StartVerificationInput = ({ employeeId: string; provider: "veriff"; idType: IdType } | { employeeId: string; provider: "bankid" }) & {
  /** Start over: the id of the open session HR saw, to be replaced by a new one once that has started. */
  replaceSessionId?: string;
  /** HR confirmed a new flow for an employee who is already verified (with an optional reason, audited). */
  reverify?: { reason: string | null };
  /** Started by the employee from this invitation (then there is no staff member). */
  invitationId?: string;
  /** The language of the messages HR reads (the action passes the request's); English when not given. */
  locale?: Locale;
};

export type StartVerificationResult =
  | { ok: true; reused: boolean; session: SessionRecord }
  | {
      ok: false;
      error: string;
      retryAfterSeconds?: number;
      /** A start over failed and the old session is still open: its link still works. */
      openLinkStillWorks?: boolean;
      /** The employee is already verified: HR must confirm before a new flow starts. */
      needsReverifyConfirmation?: boolean;
    };

/** Who clicked Verify: recorded on the session; the role decides how a failure is explained. */
export type StartingStaff = { id: string; role: StaffRole; email?: string };

// A start whose row is still "starting" after this long died mid-call (the call itself times out sooner).
export const STALE_START_MS = 2 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts (or reuses) an EasyFreelance verification for an employee. The session row is written
 * first and completed or failed afterwards: a crash or upstream error leaves a visible attempt.
 * EasyFreelance has no idempotency key, so the flow POST is never retried blindly.
 *
 * Start over inserts its row beside the open session and supersedes that one only once the new flow
 * has started (markSessionStarted), so an outage never leaves the employee without a working link.
 */
export async function startVerification(input: StartVerificationInput, staff: StartingStaff | null): Promise<StartVerificationResult> {
  const locale = input.locale ?? "en";
  const t = translator(locale, "verify");
  const startFailure = (message: string, open: SessionRecord | undefined, retryAfterSeconds?: number): StartVerificationResult =>
    failedStart(message, open, t("oldLinkStillWorks"), retryAfterSeconds);
  // Both reads at once (one round trip's wait, not two); the loop below reads the sessions again when it goes round.
  const [employee, activeAtFirst] = await Promise.all([findEmployee(input.employeeId), findActiveSessions(input.employeeId)]);
  if (!employee) return { ok: false, error: t("gone") };
  if (employee.archivedAt) return { ok: false, error: t("archivedRefused") };

  const idType: IdType | null = input.provider === "veriff" ? input.idType : null;
  const reference = newSessionReference();
  const returnUrl = returnUrlFor(reference);

  // The database allows one pending-or-starting session per employee, plus one start over in flight
  // beside a pending one (partial unique indexes), so of any number of concurrent starts exactly one
  // inserts and calls EasyFreelance; the others wait for its result and reuse it. Bounded: a start
  // cannot take longer than one EasyFreelance call.
  const deadline = Date.now() + env().EASYFREELANCE_TIMEOUT_MS + 5_000;
  let session: SessionRecord | null = null;
  let waitedOn: SessionRecord | null = null;
  let firstRead: SessionRecord[] | null = activeAtFirst;
  while (!session) {
    const now = new Date();
    const active = firstRead ?? (await findActiveSessions(employee.id));
    firstRead = null;
    const starting = active.find((row) => row.status === "starting");
    const open = active.find((row) => row.status === "pending");
    if (waitedOn && !starting) {
      // The start we waited for failed: report its failure rather than call EasyFreelance again,
      // unless it was someone's start over and this caller only wants the (still working) open link.
      const failure = await findStartFailure(waitedOn.id);
      const onlyWantsALink = open && !input.replaceSessionId && waitedOn.replacesSessionId === open.id;
      if (failure && !onlyWantsALink) return startFailure(failure, open);
    }
    waitedOn = null;
    if (starting) {
      if (starting.createdAt.getTime() < now.getTime() - STALE_START_MS) {
        await abandonStartingSession(starting.id);
        continue;
      }
      waitedOn = starting;
      if (Date.now() > deadline) {
        return { ok: false, error: t("stillStarting") };
      }
      await sleep(50 + Math.random() * 100);
      continue;
    }
    if (open && open.expiresAt && open.expiresAt <= now) {
      await applyStatusUpdate(open, {
        status: "expired",
        rawStatus: null,
        nextAction: null,
        completedAt: null,
        onboarding: null,
        source: "portal_expiry",
      });
      continue;
    }
    if (input.replaceSessionId && input.replaceSessionId !== open?.id) {
      // The link HR wanted to replace is no longer open (finished, expired or already replaced): starting
      // a flow now would be a silent new verification. Say what happened instead.
      const seen = await findSessionById(input.replaceSessionId);
      if (seen?.employeeId !== employee.id) return { ok: false, error: t("notThisEmployee") };
      if (open && seen.status === "superseded") {
        // A colleague (or a double click) replaced it a moment ago: hand out the replacement.
        if (open.provider === input.provider && open.idType === idType) {
          await recordReuse(open.id, staff?.id ?? null);
          return { ok: true, reused: true, session: open };
        }
      }
      return {
        ok: false,
        error: t("noLongerOpen", { status: translator(locale, "status")(seen.status).toLowerCase() }),
      };
    }
    if (open && !input.replaceSessionId) {
      if (open.provider === input.provider && open.idType === idType) {
        await recordReuse(open.id, staff?.id ?? null);
        return { ok: true, reused: true, session: open };
      }
      const name = PROVIDER_LABELS[open.provider];
      return {
        ok: false,
        error: t("openWithOtherProvider", { provider: name }),
      };
    }
    // A new flow is about to start: for an employee who is already verified, only when HR confirmed it.
    if (employee.verifiedAt && !input.reverify) {
      return {
        ok: false,
        needsReverifyConfirmation: true,
        error: t("needsReverifyConfirmation", {
          name: `${employee.firstName} ${employee.lastName}`,
          description: describeVerification(employee, locale),
        }),
      };
    }
    try {
      session = await createStartingSession({
        reference,
        employeeId: employee.id,
        provider: input.provider as Provider,
        idType,
        returnUrl,
        startedById: staff?.id ?? null,
        invitationId: input.invitationId,
        replacesSessionId: open?.id,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request inserted first: loop and reuse (or wait for) its session.
    }
  }
  if (employee.verifiedAt && input.reverify) {
    await recordAudit({
      action: "verification.reverify_confirmed",
      actor: staff?.email ? { id: staff.id, email: staff.email } : null,
      targetId: employee.id,
      data: { sessionId: session.id, reason: input.reverify.reason, verifiedAt: employee.verifiedAt.toISOString() },
    });
  }

  try {
    const flow = await easyFreelance().startFlow(
      employee.efUserId,
      input.provider === "veriff" ? { provider: "veriff", idType: input.idType, returnUrl } : { provider: "bankid", returnUrl },
    );
    const [started] = await Promise.all([
      markSessionStarted(session, {
        efVerificationId: flow.verificationId,
        verificationUrl: flow.verificationUrl,
        expiresAt: flow.expiresAt,
        status: fromUpstreamStatus(flow.status),
        rawStatus: flow.rawStatus,
      }),
      // A flow that started with our return URL is the only published proof that it is approved (true whatever
      // happens to the session row, so written beside it rather than after it).
      recordReturnUrlEvidence(returnUrlBase(), "flow_started", session.id),
    ]);
    return { ok: true, reused: false, session: started };
  } catch (error) {
    if (!isEasyFreelanceError(error))
      log.error("verification: start failed", { session: session.id, error: error instanceof Error ? error.name : typeof error });
    const base = returnUrlBase();
    const failure = describeStartFailure(error, {
      // The employee (an invitation) reads the page's own words; the stored reason is written as for staff.
      audience: staff ? audienceFor(staff.role) : "staff",
      returnUrlBase: base,
      returnUrl,
      efUserId: employee.efUserId,
      timeoutMs: env().EASYFREELANCE_TIMEOUT_MS,
      registration: isEasyFreelanceError(error) && isReturnUrlRejection(error) ? await findReturnUrlRegistration(base).catch(() => null) : undefined,
    });
    if (isEasyFreelanceError(error)) {
      log.warn("verification: start failed", { session: session.id, kind: failure.kind, httpStatus: failure.httpStatus });
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
      replaces: session.replacesSessionId ?? undefined,
    });
    const stillOpen = session.replacesSessionId ? await findSessionById(session.replacesSessionId) : null;
    // The stored reason stays in English (any staff member reads it); the person who clicked reads their language.
    const message = renderFailure(failure.messageText, failureTranslator(locale));
    return startFailure(message, stillOpen?.status === "pending" ? stillOpen : undefined, failure.retryAfterSeconds);
  }
}

/** A failed start; when a start over failed, the old session is still open and HR is told so. */
function failedStart(
  message: string,
  open: SessionRecord | undefined,
  oldLinkStillWorks: string,
  retryAfterSeconds?: number,
): StartVerificationResult {
  if (!open) return { ok: false, error: message, retryAfterSeconds };
  return { ok: false, error: `${message} ${oldLinkStillWorks}`, retryAfterSeconds, openLinkStillWorks: true };
}
