import "server-only";
import QRCode from "qrcode";
import pLimit from "p-limit";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { recordAudit, type AuditActor } from "@/lib/db/audit";
import { findEmployee, findEmployeesForInvitation } from "@/lib/db/employees";
import { isUniqueViolation } from "@/lib/db/sessions";
import {
  claimDueReminders,
  closeInvitation,
  countInvitationAttempt,
  findInvitationById,
  findInvitationByTokenHash,
  findLatestInvitations,
  findNewestLiveSession,
  findOpenInvitation,
  insertInvitation,
  markInvitationOpened,
  recordInvitationSendFailure,
  recordInvitationSent,
  type InvitationRecord,
} from "@/lib/db/invitations";
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { employeeName } from "@/lib/employees/name";
import { mailConfigured, sendMail, type MailFailure } from "@/lib/mail/send";
import { invitationMail } from "./invitation-mail";
import { BULK_FILTER_BATCH, BULK_INVITE_LIMIT, BULK_OUTCOMES, type BulkInviteReport, type BulkInviteResult, type BulkOutcome } from "./bulk-outcomes";
import {
  hashInvitationToken,
  invitationPhase,
  invitationProgress,
  invitationToken,
  isExpiredSession,
  isInvitationToken,
  isOfficeHours,
  newTokenSalt,
  type InvitationPhase,
  type InvitationProgress,
} from "./invitation-rules";
import { refreshSession } from "./status-refresh";
import { startVerification } from "./service";

const DAY_MS = 24 * 60 * 60_000;

/** How the employee verifies: HR's choice, or null when the employee chooses on the page. */
export type InvitationMethod = { provider: "bankid"; idType: null } | { provider: "veriff"; idType: IdType };
export const METHOD_CHOICES = ["bankid", "veriff_local", "veriff_international"] as const;
export type MethodChoice = (typeof METHOD_CHOICES)[number];

export function methodOf(choice: MethodChoice): InvitationMethod {
  if (choice === "bankid") return { provider: "bankid", idType: null };
  return { provider: "veriff", idType: choice === "veriff_local" ? "local" : "international" };
}

export function choiceOf(provider: Provider | null, idType: IdType | null): MethodChoice | null {
  if (!provider) return null;
  return provider === "bankid" ? "bankid" : idType === "international" ? "veriff_international" : "veriff_local";
}

function tokenOf(invitation: Pick<InvitationRecord, "tokenSalt" | "tokenHash">): string | null {
  const token = invitationToken(env().AUTH_SECRET, invitation.tokenSalt);
  // After an AUTH_SECRET rotation the derived token no longer matches: the link cannot be shown again.
  return hashInvitationToken(token) === invitation.tokenHash ? token : null;
}

export function invitationUrlOf(token: string, lang?: Locale): string {
  const url = new URL(`/i/${token}`, env().APP_URL);
  if (lang) url.searchParams.set("lang", lang);
  return url.toString();
}

export function employeeLocale(employee: { locale: string | null }): Locale {
  return toLocale(employee.locale) ?? env().DEFAULT_LOCALE;
}

export type CreateInvitationResult =
  { ok: true; invitation: InvitationRecord; reused: boolean } | { ok: false; reason: "gone" | "archived" | "already_verified" };

/**
 * Creates the employee's invitation, or reuses the open one (then HR's method choice replaces its method).
 * An open invitation past its expiry is closed first. One open per employee is the database's rule
 * (invitations_one_open_idx): of two concurrent creates one inserts, the other reuses it.
 */
export async function createOrReuseInvitation(
  employeeId: string,
  method: InvitationMethod | null,
  staff: { id: string; email: string } | null,
  now = new Date(),
): Promise<CreateInvitationResult> {
  const employee = await findEmployee(employeeId);
  if (!employee) return { ok: false, reason: "gone" };
  if (employee.archivedAt) return { ok: false, reason: "archived" };
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await findOpenInvitation(employeeId);
    if (open && open.expiresAt <= now) {
      if (await closeInvitation(open.id, "expired", now)) {
        await recordAudit({ action: "invitation.expired", actor: staff, targetId: employeeId, data: { invitationId: open.id } });
      }
      continue;
    }
    if (open) return { ok: true, invitation: open, reused: true };
    if (employee.verifiedAt) return { ok: false, reason: "already_verified" };
    const salt = newTokenSalt();
    try {
      const invitation = await insertInvitation({
        employeeId,
        tokenSalt: salt,
        tokenHash: hashInvitationToken(invitationToken(env().AUTH_SECRET, salt)),
        provider: method?.provider ?? null,
        idType: method?.idType ?? null,
        createdById: staff?.id ?? null,
        expiresAt: new Date(now.getTime() + env().INVITATION_DAYS * DAY_MS),
      });
      await recordAudit({
        action: "invitation.created",
        actor: staff,
        targetId: employeeId,
        data: { invitationId: invitation.id, method: choiceOf(invitation.provider, invitation.idType) ?? "employee_chooses" },
      });
      return { ok: true, invitation, reused: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("invitation: could not create or reuse the open invitation");
}

export async function revokeInvitation(invitationId: string, employeeId: string, staff: { id: string; email: string }): Promise<boolean> {
  const invitation = await findInvitationById(invitationId);
  if (!invitation || invitation.employeeId !== employeeId) return false;
  const closed = await closeInvitation(invitation.id, "revoked");
  if (closed) await recordAudit({ action: "invitation.revoked", actor: staff, targetId: employeeId, data: { invitationId } });
  return closed;
}

export type SendOutcome = { ok: true; to: string } | { ok: false; failure: MailFailure | "no_link" | "closed" };

/** Sends the invitation (or a reminder) by email in the employee's language; the outcome is recorded and audited. */
export async function deliverInvitation(
  invitation: InvitationRecord,
  kind: "invitation" | "reminder",
  actor: AuditActor,
  now = new Date(),
): Promise<SendOutcome> {
  const employee = await findEmployee(invitation.employeeId);
  if (!employee) return { ok: false, failure: "closed" };
  if (invitation.closedAt || invitation.expiresAt <= now) return { ok: false, failure: "closed" };
  const token = tokenOf(invitation);
  if (!token) return { ok: false, failure: "no_link" };
  const locale = employeeLocale(employee);
  const mail = invitationMail({
    kind,
    locale,
    firstName: employee.firstName,
    partnerName: env().PARTNER_NAME ?? null,
    url: invitationUrlOf(token, locale),
    expiresAt: invitation.expiresAt,
  });
  const result = await sendMail({ to: employee.email, ...mail });
  if (result.ok) {
    if (kind === "invitation") await recordInvitationSent(invitation.id, employee.email, now);
    await recordAudit({
      action: kind === "invitation" ? "invitation.sent" : "invitation.reminded",
      actor,
      targetId: employee.id,
      data: { invitationId: invitation.id, ...(kind === "reminder" ? { reminder: invitation.reminders } : {}) },
    });
    return { ok: true, to: employee.email };
  }
  log.warn("invitation: mail not sent", { invitation: invitation.id, kind, failure: result.failure });
  if (result.failure !== "not_configured") {
    await recordInvitationSendFailure(invitation.id, employee.email, result.failure, now);
    await recordAudit({
      action: "invitation.send_failed",
      actor,
      targetId: employee.id,
      data: { invitationId: invitation.id, kind, failure: result.failure },
    });
  }
  return result;
}

export type ReminderReport = { reminded: number; failed: number; outsideOfficeHours: boolean };

/**
 * The sweep's reminders: nothing outside weekdays 08:00–18:00 Oslo time; otherwise the due ones are claimed in
 * one UPDATE (claimDueReminders) and sent. A claimed reminder whose send fails stays counted (and is recorded
 * for HR): never two reminders for one due date.
 */
export async function sendDueReminders(now: Date, options: { limit?: number; employeeIds?: string[] } = {}): Promise<ReminderReport> {
  const report: ReminderReport = { reminded: 0, failed: 0, outsideOfficeHours: !isOfficeHours(now) };
  if (report.outsideOfficeHours || !mailConfigured()) return report;
  const config = env();
  const due = await claimDueReminders(now, config.INVITATION_REMINDER_DAYS, config.INVITATION_REMINDERS, options.limit ?? 200, options.employeeIds);
  for (const invitation of due) {
    const sent = await deliverInvitation(invitation, "reminder", null, now);
    if (sent.ok) report.reminded++;
    else report.failed++;
  }
  return report;
}

/** What HR sees of an employee's invitation (Verify dialog, employee page). */
export type InvitationSummary = {
  id: string;
  /** The link; null after an AUTH_SECRET rotation (revoke and invite again). */
  url: string | null;
  qrSvg: string | null;
  method: MethodChoice | null;
  open: boolean;
  expiresAt: string;
  progress: InvitationProgress;
  progressAt: string;
  reason: string | null;
  sentAt: string | null;
  sentTo: string | null;
  sendFailedAt: string | null;
  sendError: string | null;
  reminders: number;
  attempts: number;
  maxAttempts: number;
  mailConfigured: boolean;
};

export async function summarizeInvitation(invitation: InvitationRecord, now = new Date(), withQr = false): Promise<InvitationSummary> {
  const [employee, session] = await Promise.all([findEmployee(invitation.employeeId), findNewestLiveSession(invitation.employeeId)]);
  const token = tokenOf(invitation);
  const url = token ? invitationUrlOf(token) : null;
  const status = invitationProgress(invitation, session, employee?.verifiedAt ?? null, env().INVITATION_ATTEMPTS, now);
  return {
    id: invitation.id,
    url,
    qrSvg: url && withQr ? await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : null,
    method: choiceOf(invitation.provider, invitation.idType),
    open: invitation.closedAt === null && invitation.expiresAt > now,
    expiresAt: invitation.expiresAt.toISOString(),
    progress: status.progress,
    progressAt: status.at.toISOString(),
    reason: status.reason ?? null,
    sentAt: invitation.sentAt?.toISOString() ?? null,
    sentTo: invitation.sentTo,
    sendFailedAt: invitation.sendFailedAt?.toISOString() ?? null,
    sendError: invitation.sendError,
    reminders: invitation.reminders,
    attempts: invitation.attempts,
    maxAttempts: env().INVITATION_ATTEMPTS,
    mailConfigured: mailConfigured(),
  };
}

/** The employee's open invitation for HR, or null. */
export async function invitationForHr(employeeId: string, now = new Date(), withQr = false): Promise<InvitationSummary | null> {
  const open = await findOpenInvitation(employeeId);
  return open ? summarizeInvitation(open, now, withQr) : null;
}

/** The invitation page's view: everything it shows, without the token or any internal id. */
export type InvitationPageView = {
  phase: InvitationPhase;
  firstName: string;
  partnerName: string | null;
  method: MethodChoice | null;
  expiresAt: string;
  maxAttempts: number;
  /** The status page of the newest session (result, onboarding next step). */
  statusReference: string | null;
};

async function loadByToken(token: string): Promise<InvitationRecord | null> {
  if (!isInvitationToken(token)) return null;
  return findInvitationByTokenHash(hashInvitationToken(token));
}

/** Opens the invitation page (recorded and, the first time, audited). Null: no such invitation. */
export async function openInvitation(token: string, now = new Date()): Promise<InvitationPageView | null> {
  const invitation = await loadByToken(token);
  if (!invitation) return null;
  const employee = await findEmployee(invitation.employeeId);
  if (!employee) return null;
  if (!invitation.closedAt && (await markInvitationOpened(invitation.id, now))) {
    await recordAudit({ action: "invitation.opened", actor: null, targetId: employee.id, data: { invitationId: invitation.id } });
  }
  let session = await findNewestLiveSession(employee.id);
  // A pending session is checked with EasyFreelance (coalesced): past its expiry it becomes expired here.
  if (session && session.status === "pending") session = await refreshSession(session, now);
  const verifiedAt = session?.status === "approved" ? ((await findEmployee(employee.id))?.verifiedAt ?? null) : employee.verifiedAt;
  return {
    phase: invitationPhase(invitation, session, verifiedAt, env().INVITATION_ATTEMPTS, now),
    firstName: employee.firstName,
    partnerName: env().PARTNER_NAME ?? null,
    method: choiceOf(invitation.provider, invitation.idType),
    expiresAt: invitation.expiresAt.toISOString(),
    maxAttempts: env().INVITATION_ATTEMPTS,
    statusReference: session?.reference ?? null,
  };
}

export type StartFromInvitationResult =
  { ok: true; verificationUrl: string } | { ok: false; reason: "not_found" | "choose" | InvitationPhase["kind"] | "start_failed" };

/**
 * Start on the invitation page: continues the open flow, or starts one through startVerification (the
 * one-active-session rule holds). A session past its expiry is replaced without counting an attempt; a flow
 * after a declined, cancelled or failed one counts, up to INVITATION_ATTEMPTS.
 */
export async function startFromInvitation(
  token: string,
  choice: MethodChoice | null,
  locale: Locale,
  now = new Date(),
): Promise<StartFromInvitationResult> {
  const invitation = await loadByToken(token);
  if (!invitation) return { ok: false, reason: "not_found" };
  const employee = await findEmployee(invitation.employeeId);
  if (!employee) return { ok: false, reason: "not_found" };
  const method = invitation.provider ? methodOf(choiceOf(invitation.provider, invitation.idType)!) : choice ? methodOf(choice) : null;
  if (!method) return { ok: false, reason: "choose" };
  let session = await findNewestLiveSession(employee.id);
  if (session && session.status === "pending") session = await refreshSession(session, now);
  const phase = invitationPhase(invitation, session, employee.verifiedAt, env().INVITATION_ATTEMPTS, now);
  const sameMethod = session && session.provider === method.provider && (session.idType ?? null) === method.idType;
  if (phase.kind === "in_progress" && sameMethod && session?.verificationUrl) return { ok: true, verificationUrl: session.verificationUrl };
  if (phase.kind !== "ready" && phase.kind !== "in_progress") return { ok: false, reason: phase.kind };
  const replacing = phase.kind === "in_progress" && session?.status === "pending" ? session.id : undefined;
  const result = await startVerification(
    {
      employeeId: employee.id,
      ...(method.provider === "veriff" ? { provider: "veriff", idType: method.idType } : { provider: "bankid" }),
      replaceSessionId: replacing,
      invitationId: invitation.id,
      locale,
    },
    null,
  );
  if (!result.ok || !result.session.verificationUrl) return { ok: false, reason: "start_failed" };
  // Replacing a session that died of old age is not the employee's attempt.
  if (!result.reused && !(session && isExpiredSession(session, now) && !replacing)) await countInvitationAttempt(invitation.id);
  return { ok: true, verificationUrl: result.session.verificationUrl };
}

/** The invitation a public page (return, status) can link back to for "try again", when it is still open. */
export async function openInvitationLinkFor(employeeId: string, now = new Date()): Promise<string | null> {
  const open = await findOpenInvitation(employeeId);
  if (!open || open.expiresAt <= now) return null;
  const token = tokenOf(open);
  return token ? `/i/${token}` : null;
}

/** An invitation of this employee (HR's actions name both: an id from another employee is refused). */
export async function findInvitationForEmployee(invitationId: string, employeeId: string): Promise<InvitationRecord | null> {
  const invitation = await findInvitationById(invitationId);
  return invitation?.employeeId === employeeId ? invitation : null;
}

/** The employee's newest invitation, open or closed (the employee page's status line). */
export async function latestInvitationForHr(employeeId: string, now = new Date()): Promise<InvitationSummary | null> {
  const [latest] = await findLatestInvitations([employeeId]);
  return latest ? summarizeInvitation(latest, now) : null;
}

// Bulk invite (issue 13): many employees at once, through the same create-or-reuse and send path as the Verify
// dialog. Nothing here calls EasyFreelance: a session starts only when the employee opens the invitation.

/** Employees worked on at once (each a few queries and one SMTP send): the mail server sees at most this many. */
export const BULK_INVITE_CONCURRENCY = 5;

/**
 * Invites each employee: skips the archived, the verified and those without an email address; creates or
 * reuses the open invitation (one per employee: invitations_one_open_idx) and sends it. An open invitation
 * that was already sent successfully is left alone ("already_invited": not sent again, the sweep's reminders
 * follow it up, and HR can resend one from the Verify dialog), so repeating a bulk invite mails nobody twice.
 * One that was never sent, or whose last send failed, is sent. Audited per invitation (created, sent,
 * send_failed, as the Verify dialog's path) and once for the whole call (invitations.bulk_sent).
 */
export async function bulkInvite(
  employeeIds: string[],
  method: InvitationMethod | null,
  staff: { id: string; email: string },
  options: { now?: Date; concurrency?: number; scope?: "selected" | "filter" } = {},
): Promise<BulkInviteReport> {
  const now = options.now ?? new Date();
  const ids = [...new Set(employeeIds)];
  if (ids.length > BULK_INVITE_LIMIT) throw new Error(`bulk invite: at most ${BULK_INVITE_LIMIT} employees per call`);
  const employees = new Map((await findEmployeesForInvitation(ids)).map((employee) => [employee.id, employee]));
  const limit = pLimit(options.concurrency ?? BULK_INVITE_CONCURRENCY);

  const inviteOne = async (employeeId: string): Promise<BulkInviteResult> => {
    const employee = employees.get(employeeId);
    if (!employee) return { employeeId, name: "", outcome: "gone" };
    const base = { employeeId, name: employeeName(employee) };
    if (employee.archivedAt) return { ...base, outcome: "archived" };
    if (employee.verifiedAt) return { ...base, outcome: "already_verified" };
    if (!employee.email.trim()) return { ...base, outcome: "no_email" };
    const created = await createOrReuseInvitation(employeeId, method, staff, now);
    if (!created.ok) return { ...base, outcome: created.reason === "already_verified" ? "already_verified" : created.reason };
    const { invitation, reused } = created;
    const delivered = invitation.sentAt !== null && !(invitation.sendFailedAt && invitation.sendFailedAt > invitation.sentAt);
    if (reused && delivered) return { ...base, outcome: "already_invited" };
    const sent = await deliverInvitation(invitation, "invitation", staff, now);
    if (sent.ok) return { ...base, outcome: "sent", reused };
    return { ...base, outcome: "failed", failure: sent.failure };
  };

  const results = await Promise.all(ids.map((id) => limit(() => inviteOne(id))));
  const counts = Object.fromEntries(BULK_OUTCOMES.map((outcome) => [outcome, 0])) as Record<BulkOutcome, number>;
  for (const result of results) counts[result.outcome]++;
  await recordAudit({
    action: "invitations.bulk_sent",
    actor: staff,
    data: {
      employees: ids.length,
      scope: options.scope ?? "selected",
      method: method ? choiceOf(method.provider, method.idType) : "employee_chooses",
      ...counts,
    },
  });
  return { results, counts };
}

export { BULK_FILTER_BATCH, BULK_INVITE_LIMIT, BULK_OUTCOMES, type BulkInviteReport, type BulkInviteResult, type BulkOutcome };
