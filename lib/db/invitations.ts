import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { sessionFields, type SessionRecord } from "./sessions";

// Invitations (lib/verification/invitations.ts is the domain): the portal's own link for one employee.

export const invitationFields = {
  id: true,
  employeeId: true,
  tokenHash: true,
  tokenSalt: true,
  provider: true,
  idType: true,
  createdById: true,
  createdAt: true,
  expiresAt: true,
  closedAt: true,
  closedReason: true,
  attempts: true,
  openedAt: true,
  lastOpenedAt: true,
  sentAt: true,
  sentTo: true,
  sendFailedAt: true,
  sendError: true,
  reminders: true,
  remindedAt: true,
} as const;

export type InvitationRecord = Prisma.InvitationGetPayload<{ select: typeof invitationFields }>;

export async function findInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
  return prisma().invitation.findUnique({ where: { tokenHash }, select: invitationFields });
}

export async function findInvitationById(id: string): Promise<InvitationRecord | null> {
  return prisma().invitation.findUnique({ where: { id }, select: invitationFields });
}

/** The employee's open (not closed) invitation; it may be past its expiry. */
export async function findOpenInvitation(employeeId: string): Promise<InvitationRecord | null> {
  return prisma().invitation.findFirst({ where: { employeeId, closedAt: null }, select: invitationFields });
}

/** The newest invitation of each of these employees (the list's marker), open or not. */
export async function findLatestInvitations(employeeIds: string[]): Promise<InvitationRecord[]> {
  if (employeeIds.length === 0) return [];
  return prisma().$queryRaw<InvitationRecord[]>(Prisma.sql`
    SELECT DISTINCT ON (employee_id) id, employee_id AS "employeeId", provider, id_type AS "idType", created_at AS "createdAt",
           expires_at AS "expiresAt", closed_at AS "closedAt", closed_reason AS "closedReason", attempts, opened_at AS "openedAt",
           last_opened_at AS "lastOpenedAt", sent_at AS "sentAt", sent_to AS "sentTo", send_failed_at AS "sendFailedAt",
           send_error AS "sendError", reminders, reminded_at AS "remindedAt", created_by_id AS "createdById",
           token_hash AS "tokenHash", token_salt AS "tokenSalt"
    FROM invitations WHERE employee_id IN (${Prisma.join(employeeIds)})
    ORDER BY employee_id, created_at DESC`);
}

/**
 * Inserts an open invitation. The partial unique index (one open per employee) makes a concurrent second
 * insert fail with a unique violation: the caller then reads and reuses the winner's.
 */
export async function insertInvitation(data: {
  employeeId: string;
  tokenHash: string;
  tokenSalt: string;
  provider: Provider | null;
  idType: IdType | null;
  createdById: string | null;
  expiresAt: Date;
}): Promise<InvitationRecord> {
  return prisma().invitation.create({ data, select: invitationFields });
}

/** Closes an open invitation (revoked by HR, or expired and being replaced); false when it was already closed. */
export async function closeInvitation(id: string, reason: "revoked" | "expired", now = new Date()): Promise<boolean> {
  const { count } = await prisma().invitation.updateMany({ where: { id, closedAt: null }, data: { closedAt: now, closedReason: reason } });
  return count === 1;
}

/** Records an open; true the first time (the caller audits it once). */
export async function markInvitationOpened(id: string, now = new Date()): Promise<boolean> {
  const first = await prisma().invitation.updateMany({ where: { id, openedAt: null }, data: { openedAt: now, lastOpenedAt: now } });
  if (first.count === 1) return true;
  await prisma().invitation.update({ where: { id }, data: { lastOpenedAt: now } });
  return false;
}

/** A flow started from the invitation counts as an attempt. */
export async function countInvitationAttempt(id: string): Promise<number> {
  const row = await prisma().invitation.update({ where: { id }, data: { attempts: { increment: 1 } }, select: { attempts: true } });
  return row.attempts;
}

export async function recordInvitationSent(id: string, to: string, now = new Date()): Promise<void> {
  await prisma().invitation.update({ where: { id }, data: { sentAt: now, sentTo: to, sendFailedAt: null, sendError: null } });
}

/** A failed delivery, kept on the invitation for HR ("not sent — retry"); `error` is a short kind, never a secret. */
export async function recordInvitationSendFailure(id: string, to: string, error: string, now = new Date()): Promise<void> {
  await prisma().invitation.update({ where: { id }, data: { sendFailedAt: now, sendError: error.slice(0, 200), sentTo: to } });
}

/** The sessions started from this invitation, newest first. */
export async function findInvitationSessions(invitationId: string) {
  return prisma().verificationSession.findMany({
    where: { invitationId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, statusChangedAt: true, createdAt: true },
  });
}

/**
 * Claims the reminders due now, in one statement: open, sent, unexpired invitations of employees not verified
 * since the invitation, with fewer than `max` reminders, whose next reminder (sent_at + days[reminders + 1]) is
 * due. Each claimed row's `reminders` is bumped in the same UPDATE, and rows another sweep holds are skipped
 * (FOR UPDATE SKIP LOCKED), so two overlapping sweeps never remind one invitation twice.
 */
export async function claimDueReminders(now: Date, days: number[], max: number, limit: number, employeeIds?: string[]): Promise<InvitationRecord[]> {
  if (max <= 0 || days.length === 0 || limit <= 0) return [];
  const only = employeeIds ? Prisma.sql`AND i.employee_id IN (${Prisma.join(employeeIds.length ? employeeIds : [""])})` : Prisma.empty;
  return prisma().$queryRaw<InvitationRecord[]>(Prisma.sql`
    WITH due AS (
      SELECT i.id FROM invitations i JOIN employees e ON e.id = i.employee_id
      WHERE i.closed_at IS NULL AND i.sent_at IS NOT NULL AND i.expires_at > ${now}
        AND i.reminders < ${max} AND i.reminders < cardinality(${days}::int[])
        AND i.sent_at + make_interval(days => (${days}::int[])[i.reminders + 1]) <= ${now}
        AND (e.verified_at IS NULL OR e.verified_at < i.created_at) AND e.archived_at IS NULL
        ${only}
      ORDER BY i.sent_at LIMIT ${limit}
      FOR UPDATE OF i SKIP LOCKED
    )
    UPDATE invitations SET reminders = invitations.reminders + 1, reminded_at = ${now}, updated_at = ${now}
    FROM due WHERE invitations.id = due.id
    RETURNING invitations.id, employee_id AS "employeeId", provider, id_type AS "idType", invitations.created_at AS "createdAt",
      expires_at AS "expiresAt", closed_at AS "closedAt", closed_reason AS "closedReason", attempts, opened_at AS "openedAt",
      last_opened_at AS "lastOpenedAt", sent_at AS "sentAt", sent_to AS "sentTo", send_failed_at AS "sendFailedAt",
      send_error AS "sendError", reminders, reminded_at AS "remindedAt", created_by_id AS "createdById",
      token_hash AS "tokenHash", token_salt AS "tokenSalt"`);
}

export async function setEmployeeLocale(employeeId: string, locale: string | null): Promise<void> {
  await prisma().employee.update({ where: { id: employeeId }, data: { locale } });
}

/** The employee's newest session that is not a replaced one (what the invitation page continues or retries). */
export async function findNewestLiveSession(employeeId: string): Promise<SessionRecord | null> {
  return prisma().verificationSession.findFirst({
    where: { employeeId, status: { not: "superseded" } },
    orderBy: { createdAt: "desc" },
    select: sessionFields,
  });
}
