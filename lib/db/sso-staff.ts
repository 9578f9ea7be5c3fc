import "server-only";
import { prisma } from "./client";
import { recordAudit } from "./audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";

// The staff rows single sign-on (lib/auth/sso.ts) reads and writes. Every change is audited in its transaction.

export type SsoStaffRow = { id: string; email: string; name: string; role: StaffRole; active: boolean; sessionVersion: number };

const row = { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } as const;

/** Every staff row with this email, ignoring case (emails are stored lower-cased, but an old row may not be). */
export async function findStaffForSso(email: string): Promise<SsoStaffRow[]> {
  return prisma().staffUser.findMany({ where: { email: { equals: email, mode: "insensitive" } }, select: row, orderBy: { createdAt: "asc" } });
}

/**
 * Creates a staff member at their first SSO sign-in, without a password. Null when someone with this email
 * was created meanwhile (two first sign-ins at once): the caller looks again.
 */
export async function createSsoStaff(data: { email: string; name: string; role: StaffRole; provider: string }): Promise<SsoStaffRow | null> {
  try {
    return await prisma().$transaction(async (tx) => {
      const created = await tx.staffUser.create({
        data: { email: data.email.toLowerCase(), name: data.name, role: data.role, passwordHash: null },
        select: row,
      });
      await recordAudit(
        {
          action: "staff.sso_created",
          actor: null,
          targetId: created.id,
          data: { email: created.email, role: created.role, provider: data.provider },
        },
        tx,
      );
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

/**
 * Sets the role the identity provider's groups give (SSO_GROUP_ROLES). The last active admin is never
 * demoted this way (the portal's rule, as on the Staff page; admins are locked first so two sign-ins cannot
 * both demote). Answers the role in effect afterwards.
 */
export async function setRoleFromSso(staffId: string, role: StaffRole, provider: string): Promise<StaffRole> {
  return prisma().$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM staff_users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
    const target = await tx.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { email: true, role: true, active: true } });
    if (target.role === role) return role;
    if (target.role === "admin" && target.active && admins.length <= 1) return target.role;
    await tx.staffUser.update({ where: { id: staffId }, data: { role } });
    await recordAudit(
      {
        action: "staff.role_changed",
        actor: null,
        targetId: staffId,
        data: { email: target.email, from: target.role, to: role, by: "sso_groups", provider },
      },
      tx,
    );
    return role;
  });
}
