import "server-only";
// HR's corrections of an employee row: edit, relink to another EasyFreelance id, archive, erase.
// Each change and its audit record are written in one transaction, so neither exists without the other.
import { prisma } from "./client";
import { recordAudit, type AuditActor } from "./audit";
import { Prisma } from "@/lib/generated/prisma/client";

const identity = { id: true, efUserId: true, email: true, firstName: true, lastName: true, internalId: true, archivedAt: true } as const;
export type EmployeeIdentity = {
  id: string;
  efUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string | null;
  archivedAt: Date | null;
};

export async function findEmployeeIdentity(id: string): Promise<EmployeeIdentity | null> {
  return prisma().employee.findUnique({ where: { id }, select: identity });
}

/**
 * The portal's employee with this email, case-insensitively, archived ones included. If older data holds
 * more than one, the one still listed wins, then the oldest.
 */
export async function findEmployeeByEmail(email: string, options: { excludeId?: string } = {}): Promise<EmployeeIdentity | null> {
  // lower() = lower(), not Prisma's case-insensitive equals (ILIKE): "_" and "%" are common in emails and must not be wildcards.
  const exclude = options.excludeId ? Prisma.sql`AND "id" <> ${options.excludeId}` : Prisma.empty;
  const [match] = await prisma().$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "employees" WHERE lower("email") = lower(${email.trim()}) ${exclude}
    ORDER BY "archived_at" IS NOT NULL, "created_at" LIMIT 1`;
  return match ? prisma().employee.findUnique({ where: { id: match.id }, select: identity }) : null;
}

export type EmployeeDetails = { email: string; firstName: string; lastName: string; internalId: string | null };

/** Saves the portal's copy of the details; the audit names the changed fields, never their values. */
export async function updateEmployeeDetails(
  id: string,
  details: EmployeeDetails,
  actor: AuditActor,
): Promise<{ ok: true; changed: (keyof EmployeeDetails)[] } | { ok: false; reason: "gone" }> {
  return prisma().$transaction(async (tx) => {
    const current = await tx.employee.findUnique({ where: { id }, select: identity });
    if (!current) return { ok: false, reason: "gone" } as const;
    const changed = (Object.keys(details) as (keyof EmployeeDetails)[]).filter((field) => details[field] !== current[field]);
    if (changed.length === 0) return { ok: true, changed } as const;
    await tx.employee.update({ where: { id }, data: Object.fromEntries(changed.map((field) => [field, details[field]])) });
    await recordAudit({ action: "employee.updated", actor, targetId: id, data: { fields: changed } }, tx);
    return { ok: true, changed } as const;
  });
}

export type RelinkOutcome =
  { ok: true; fromEfUserId: number; toEfUserId: number } | { ok: false; reason: "gone" } | { ok: false; reason: "conflict"; other: EmployeeIdentity };

/**
 * Points the same row (and so all its sessions and history) at the EasyFreelance user `toEfUserId`.
 * Another row already holding that id is reported, not overwritten: merging two people is HR's call.
 */
export async function relinkEmployeeRow(
  id: string,
  toEfUserId: number,
  onboarding: Prisma.InputJsonValue | null,
  actor: AuditActor,
): Promise<RelinkOutcome> {
  const conflict = async (): Promise<RelinkOutcome | null> => {
    const other = await prisma().employee.findFirst({ where: { efUserId: toEfUserId, id: { not: id } }, select: identity });
    return other ? { ok: false, reason: "conflict", other } : null;
  };
  try {
    return await prisma().$transaction(async (tx) => {
      // Locked so two relinks of the same row record the right "from" id.
      const [current] = await tx.$queryRaw<Array<{ ef_user_id: number }>>`SELECT "ef_user_id" FROM "employees" WHERE "id" = ${id} FOR UPDATE`;
      if (!current) return { ok: false, reason: "gone" } as const;
      const other = await tx.employee.findFirst({ where: { efUserId: toEfUserId, id: { not: id } }, select: identity });
      if (other) return { ok: false, reason: "conflict", other } as const;
      await tx.employee.update({
        where: { id },
        data: { efUserId: toEfUserId, onboarding: onboarding ?? Prisma.DbNull, onboardingCheckedAt: onboarding ? new Date() : null },
      });
      await recordAudit({ action: "employee.relinked", actor, targetId: id, data: { fromEfUserId: current.ef_user_id, toEfUserId } }, tx);
      return { ok: true, fromEfUserId: current.ef_user_id, toEfUserId } as const;
    });
  } catch (error) {
    // Another row took the id between the check and the update (an Add employee at the same moment).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const found = await conflict();
      if (found) return found;
    }
    throw error;
  }
}

/** Archives (hidden from the lists, history kept) or brings back. Repeating either is a no-op, not audited twice. */
export async function setEmployeeArchived(
  id: string,
  archived: boolean,
  actor: AuditActor,
): Promise<{ ok: true; changed: boolean } | { ok: false; reason: "gone" }> {
  return prisma().$transaction(async (tx) => {
    const current = await tx.employee.findUnique({ where: { id }, select: { archivedAt: true } });
    if (!current) return { ok: false, reason: "gone" } as const;
    if ((current.archivedAt !== null) === archived) return { ok: true, changed: false } as const;
    await tx.employee.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit({ action: archived ? "employee.archived" : "employee.unarchived", actor, targetId: id }, tx);
    return { ok: true, changed: true } as const;
  });
}

/**
 * Data-protection erasure: deletes the row (sessions and their events cascade), blanks the data of the
 * audit records about this employee (action, time and actor stay), and records one anonymised
 * `employee.erased` with only the number of sessions removed. EasyFreelance is not touched.
 */
export async function eraseEmployeeRow(
  id: string,
  actor: AuditActor,
): Promise<{ ok: true; sessionsRemoved: number } | { ok: false; reason: "gone" }> {
  return prisma().$transaction(async (tx) => {
    // The lock keeps a Verify click from adding a session between the count and the delete.
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "employees" WHERE "id" = ${id} FOR UPDATE`;
    if (!row) return { ok: false, reason: "gone" } as const;
    const sessionsRemoved = await tx.verificationSession.count({ where: { employeeId: id } });
    await tx.employee.delete({ where: { id } });
    await tx.auditEvent.updateMany({ where: { targetId: id, action: { startsWith: "employee." } }, data: { data: Prisma.DbNull } });
    // The portal's opaque row id stays as the target: it ties the blanked records to this erasure and names nobody.
    await recordAudit({ action: "employee.erased", actor, targetId: id, data: { sessionsRemoved } }, tx);
    return { ok: true, sessionsRemoved } as const;
  });
}
