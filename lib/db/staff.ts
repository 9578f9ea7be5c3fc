import "server-only";
import { prisma } from "./client";
import type { AuditActor } from "./audit";
import { recordAudit } from "./audit";
import { revokeSessions } from "./accounts";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { toLocale, type Locale } from "@/lib/i18n/locales";

export type StaffIdentity = { id: string; email: string; name: string; role: StaffRole };

const identity = { id: true, email: true, name: true, role: true } as const;

/** For sign-in only: the one query that reads a password hash. */
export async function findStaffCredentials(email: string) {
  return prisma().staffUser.findFirst({
    where: { email: email.toLowerCase(), active: true },
    select: {
      ...identity,
      passwordHash: true,
      passwordExpiresAt: true,
      sessionVersion: true,
      totpSecret: true,
      totpLastStep: true,
    },
  });
}

/** A signed-in staff member and what they must still do before using the portal (lib/auth/session.ts). */
export type SessionStaff = StaffIdentity & { mustChangePassword: boolean; secondFactor: boolean };

/**
 * The staff member behind a session cookie, or null when deleted, deactivated or signed out everywhere since
 * (the cookie's `sessionVersion` is no longer the row's). One primary-key read per request, as before.
 */
export async function findSessionStaff(id: string, sessionVersion: number): Promise<SessionStaff | null> {
  const row = await prisma().staffUser.findFirst({
    where: { id, active: true, sessionVersion },
    select: { ...identity, mustChangePassword: true, totpEnabledAt: true },
  });
  if (!row) return null;
  const { totpEnabledAt, ...rest } = row;
  return { ...rest, secondFactor: totpEnabledAt !== null };
}

// ---- Staff management (admins). Every change is audited in the same transaction. ----

/** Why a change was refused, as a key of the `staff` catalogue namespace (errors.*): the Staff form says it. */
export type StaffRefusal = "emailTaken" | "changeSelf" | "staffGone" | "lastAdmin";
export type StaffChangeResult = { ok: true } | { ok: false; error: StaffRefusal };

export async function listStaff() {
  return prisma().staffUser.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true, totpEnabledAt: true },
  });
}

export async function createStaffUser(
  data: { email: string; name: string; role: StaffRole; passwordHash: string; mustChangePassword?: boolean; passwordExpiresAt?: Date | null },
  actor: NonNullable<AuditActor>,
): Promise<StaffChangeResult> {
  try {
    await prisma().$transaction(async (tx) => {
      const created = await tx.staffUser.create({ data: { ...data, email: data.email.toLowerCase() }, select: { id: true } });
      await recordAudit({ action: "staff.created", actor, targetId: created.id, data: { email: data.email.toLowerCase(), role: data.role } }, tx);
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, error: "emailTaken" };
    }
    throw error;
  }
}

/**
 * Changes a role or the active flag. Refuses changes to yourself and anything that would leave no active
 * admin. The active admins are locked first, so two admins demoting each other at once cannot both win.
 */
async function changeStaff(
  targetId: string,
  change: { role: StaffRole } | { active: boolean },
  actor: NonNullable<AuditActor>,
): Promise<StaffChangeResult> {
  if (targetId === actor.id) return { ok: false, error: "changeSelf" };
  return prisma().$transaction(async (tx): Promise<StaffChangeResult> => {
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM staff_users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
    const target = await tx.staffUser.findUnique({ where: { id: targetId }, select: { id: true, email: true, role: true, active: true } });
    if (!target) return { ok: false, error: "staffGone" };
    const nextRole = "role" in change ? change.role : target.role;
    const nextActive = "active" in change ? change.active : target.active;
    const losesAdmin = target.role === "admin" && target.active && (nextRole !== "admin" || !nextActive);
    if (losesAdmin && admins.length <= 1) return { ok: false, error: "lastAdmin" };
    if (nextRole === target.role && nextActive === target.active) return { ok: true };

    await tx.staffUser.update({ where: { id: targetId }, data: { role: nextRole, active: nextActive } });
    // Deactivation ends every session for good: reactivating later does not bring old cookies back.
    if (!nextActive && target.active) await revokeSessions(tx, targetId, "deactivated", actor);
    if ("role" in change) {
      await recordAudit({ action: "staff.role_changed", actor, targetId, data: { email: target.email, from: target.role, to: nextRole } }, tx);
    } else {
      await recordAudit({ action: nextActive ? "staff.reactivated" : "staff.deactivated", actor, targetId, data: { email: target.email } }, tx);
    }
    return { ok: true };
  });
}

export function changeStaffRole(targetId: string, role: StaffRole, actor: NonNullable<AuditActor>) {
  return changeStaff(targetId, { role }, actor);
}

export function setStaffActive(targetId: string, active: boolean, actor: NonNullable<AuditActor>) {
  return changeStaff(targetId, { active }, actor);
}

// ---- The staff member's language (issue 10): null until they choose one in the header. ----

export async function findStaffLocale(id: string): Promise<Locale | null> {
  const row = await prisma().staffUser.findUnique({ where: { id }, select: { locale: true } });
  return toLocale(row?.locale);
}

export async function saveStaffLocale(id: string, locale: Locale): Promise<void> {
  await prisma().staffUser.update({ where: { id }, data: { locale } });
}
