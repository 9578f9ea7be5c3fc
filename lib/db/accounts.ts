import "server-only";
import { prisma } from "./client";
import { recordAudit, type AuditActor } from "./audit";
import type { Prisma } from "@/lib/generated/prisma/client";

// Staff accounts (issue 12): session revocation, password changes and resets, second factor. Every change
// is audited in the same transaction as the change itself.

type Tx = Prisma.TransactionClient;

export type RevocationReason = "signed_out" | "password_changed" | "password_reset" | "deactivated" | "second_factor_reset";

/**
 * Ends every session of a staff member at once: each cookie carries the `session_version` it was issued under,
 * and lib/auth/session.ts accepts a cookie only while the row still has that version.
 */
export async function revokeSessions(tx: Tx, staffId: string, reason: RevocationReason, actor: AuditActor): Promise<void> {
  const row = await tx.staffUser.update({ where: { id: staffId }, data: { sessionVersion: { increment: 1 } }, select: { email: true } });
  await recordAudit({ action: "auth.sessions_revoked", actor, targetId: staffId, data: { email: row.email, reason } }, tx);
}

export async function signOutEverywhere(staff: NonNullable<AuditActor>): Promise<void> {
  await prisma().$transaction((tx) => revokeSessions(tx, staff.id, "signed_out", staff));
}

/** What the account page and the password check need; the one other query that reads a password hash. */
export async function findAccount(id: string) {
  return prisma().staffUser.findUnique({
    where: { id },
    select: { id: true, email: true, passwordHash: true, mustChangePassword: true, passwordChangedAt: true, totpEnabledAt: true },
  });
}

/** The user's own new password: clears the forced change and the temporary expiry, ends every session. */
export async function changeOwnPassword(staff: NonNullable<AuditActor>, passwordHash: string): Promise<void> {
  await prisma().$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { passwordHash, mustChangePassword: false, passwordExpiresAt: null, passwordChangedAt: new Date() },
    });
    await recordAudit({ action: "account.password_changed", actor: staff, targetId: staff.id }, tx);
    await revokeSessions(tx, staff.id, "password_changed", staff);
  });
}

/** A successful sign-in with a hash of an older algorithm or cost: store today's. */
export async function upgradePasswordHash(id: string, oldHash: string, newHash: string): Promise<void> {
  // Only if nobody changed the password in between.
  await prisma().staffUser.updateMany({ where: { id, passwordHash: oldHash }, data: { passwordHash: newHash } });
}

export type ResetResult = { ok: true; email: string } | { ok: false; error: string };

/**
 * An admin's reset: a temporary password (hashed by the caller) that must be changed at the next sign-in and
 * stops working at `expiresAt`; every session of the user ends. Optionally also turns their second factor off
 * (a lost phone and lost recovery codes).
 */
export async function resetStaffPassword(
  targetId: string,
  change: { passwordHash: string; expiresAt: Date; resetSecondFactor: boolean },
  actor: NonNullable<AuditActor>,
): Promise<ResetResult> {
  if (targetId === actor.id) return { ok: false, error: "self" };
  return prisma().$transaction(async (tx) => {
    const target = await tx.staffUser.findUnique({ where: { id: targetId }, select: { email: true, totpEnabledAt: true } });
    if (!target) return { ok: false, error: "gone" };
    const secondFactorReset = change.resetSecondFactor && target.totpEnabledAt !== null;
    await tx.staffUser.update({
      where: { id: targetId },
      data: {
        passwordHash: change.passwordHash,
        mustChangePassword: true,
        passwordExpiresAt: change.expiresAt,
        ...(secondFactorReset ? { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
      },
    });
    if (secondFactorReset) await tx.staffRecoveryCode.deleteMany({ where: { staffId: targetId } });
    await recordAudit(
      {
        action: "staff.password_reset",
        actor,
        targetId,
        data: { email: target.email, expiresAt: change.expiresAt.toISOString(), secondFactorReset },
      },
      tx,
    );
    await revokeSessions(tx, targetId, "password_reset", actor);
    return { ok: true, email: target.email };
  });
}

// ---- Second factor ----

export async function findSecondFactor(id: string) {
  return prisma().staffUser.findUnique({
    where: { id },
    select: { totpSecret: true, totpPendingSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
}

export async function savePendingSecondFactor(id: string, sealedSecret: string): Promise<void> {
  await prisma().staffUser.update({ where: { id }, data: { totpPendingSecret: sealedSecret } });
}

/**
 * Accepts a TOTP time step for a user: atomically, only when it is newer than the last accepted one, so two
 * requests with the same code cannot both pass.
 */
export async function claimTotpStep(id: string, step: number): Promise<boolean> {
  const claimed = await prisma().$executeRaw`
    UPDATE staff_users SET totp_last_step = ${step}
    WHERE id = ${id} AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
  return claimed === 1;
}

/** Spends a recovery code of this user (one UPDATE, so it works once however many requests race). */
export async function spendRecoveryCode(staffId: string, codeHash: string): Promise<boolean> {
  const { count } = await prisma().staffRecoveryCode.updateMany({ where: { staffId, codeHash, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

export async function countUnusedRecoveryCodes(staffId: string): Promise<number> {
  return prisma().staffRecoveryCode.count({ where: { staffId, usedAt: null } });
}

/** Turns the pending secret into the active one, with fresh recovery codes (hashes). */
export async function enableSecondFactor(staff: NonNullable<AuditActor>, sealedSecret: string, step: number, codeHashes: string[]): Promise<void> {
  await prisma().$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { totpSecret: sealedSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: staff.id } });
    await tx.staffRecoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ staffId: staff.id, codeHash })) });
    await recordAudit({ action: "account.second_factor_enabled", actor: staff, targetId: staff.id }, tx);
  });
}

export async function replaceRecoveryCodes(staff: NonNullable<AuditActor>, codeHashes: string[]): Promise<void> {
  await prisma().$transaction(async (tx) => {
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: staff.id } });
    await tx.staffRecoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ staffId: staff.id, codeHash })) });
    await recordAudit({ action: "account.recovery_codes_replaced", actor: staff, targetId: staff.id }, tx);
  });
}

export async function disableSecondFactor(staff: NonNullable<AuditActor>): Promise<void> {
  await prisma().$transaction(async (tx) => {
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: staff.id } });
    await recordAudit({ action: "account.second_factor_disabled", actor: staff, targetId: staff.id }, tx);
  });
}
