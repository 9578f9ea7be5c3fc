"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";
import { staffAction } from "@/lib/auth/action";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblemKey } from "@/lib/auth/password-policy";
import { ANY_STAFF, StaffRole } from "@/lib/auth/roles";
import { decryptSecret, encryptSecret, hashRecoveryCode, newEnrolment, newRecoveryCodes, verifyTotp } from "@/lib/auth/totp";
import {
  changeOwnPassword,
  disableSecondFactor,
  enableSecondFactor,
  findAccount,
  findSecondFactor,
  replaceRecoveryCodes,
  savePendingSecondFactor,
} from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { checkLimit } from "@/lib/security/rate-limit";
import type { StaffIdentity } from "@/lib/auth/session";
import type { FormFailure } from "@/lib/forms/result";

// The Account page's actions: what every staff member may do to their own account, including one who must
// first replace a temporary password or enrol a second factor (`pendingAccountStep: true`). Errors are keys
// of the `account` catalogue namespace (errors.*); the form translates them.

function fail(error: string, field?: string): FormFailure {
  return field ? { ok: false, error: "checkFields", fieldErrors: { [field]: [error] } } : { ok: false, error };
}

const password = z.string().min(1, "enterPassword").max(200, "tooLong");

/**
 * Checks the user's current password, counted against the same per-account limit as sign-in: a stolen
 * session must not become a way to guess the password.
 */
async function currentPasswordOk(staff: StaffIdentity, typed: string): Promise<"ok" | "wrongPassword" | "rateLimited"> {
  const limit = await checkLimit("signInAccount", staff.email);
  if (!limit.allowed) return "rateLimited";
  const account = await findAccount(staff.id);
  // Staff created by single sign-on have no password (NULL): nothing typed matches.
  return account?.passwordHash && (await verifyPassword(typed, account.passwordHash)) ? "ok" : "wrongPassword";
}

const changePasswordSchema = z.object({ currentPassword: password, newPassword: z.string().max(200, "tooLong"), confirmPassword: z.string() });

export const changePasswordAction = staffAction(
  { roles: ANY_STAFF, schema: changePasswordSchema, pendingAccountStep: true },
  async (input, staff) => {
    const problem = passwordProblemKey(input.newPassword, staff.email);
    if (problem) return fail(problem, "newPassword");
    if (input.newPassword !== input.confirmPassword) return fail("mismatch", "confirmPassword");
    if (input.newPassword === input.currentPassword) return fail("samePassword", "newPassword");
    const check = await currentPasswordOk(staff, input.currentPassword);
    if (check !== "ok") return fail(check, check === "wrongPassword" ? "currentPassword" : undefined);

    await changeOwnPassword(staff, await hashPassword(input.newPassword));
    // Every session has ended, this one included: sign in again with the new password.
    await signOut({ redirectTo: "/login?changed=1" });
    return { ok: true, data: null };
  },
);

/** Step 1 of enrolment: a new secret, kept encrypted as pending, and its QR code (SVG) and text form. */
export const startSecondFactorAction = staffAction({ roles: ANY_STAFF, schema: z.object({}), pendingAccountStep: true }, async (_input, staff) => {
  const current = await findSecondFactor(staff.id);
  if (current?.totpSecret) return { ok: false, error: "alreadyEnabled" };
  const enrolment = await newEnrolment(staff.email);
  await savePendingSecondFactor(staff.id, encryptSecret(enrolment.secret));
  return { ok: true, data: enrolment };
});

/** Step 2: a code from the app proves it has the secret; the recovery codes are shown once. */
export const confirmSecondFactorAction = staffAction(
  {
    roles: ANY_STAFF,
    schema: z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, "codeFormat"),
    }),
    pendingAccountStep: true,
  },
  async (input, staff) => {
    const current = await findSecondFactor(staff.id);
    if (current?.totpSecret) return { ok: false, error: "alreadyEnabled" };
    const secret = current?.totpPendingSecret ? decryptSecret(current.totpPendingSecret) : null;
    if (!secret) return { ok: false, error: "enrolmentExpired" };
    const step = await verifyTotp(secret, input.code, null);
    if (step === null) return fail("wrongCode", "code");
    const recoveryCodes = newRecoveryCodes();
    await enableSecondFactor(staff, encryptSecret(secret), step, recoveryCodes.map(hashRecoveryCode));
    // No revalidatePath here: re-rendering the page would replace the form that shows the recovery codes,
    // which are shown this once. The page shows the new state at the next navigation.
    return { ok: true, data: { recoveryCodes } };
  },
);

export const newRecoveryCodesAction = staffAction(
  { roles: ANY_STAFF, schema: z.object({ currentPassword: password }), pendingAccountStep: true },
  async (input, staff) => {
    if (!(await findSecondFactor(staff.id))?.totpSecret) return { ok: false, error: "notEnabled" };
    const check = await currentPasswordOk(staff, input.currentPassword);
    if (check !== "ok") return fail(check, check === "wrongPassword" ? "currentPassword" : undefined);
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(staff, recoveryCodes.map(hashRecoveryCode));
    return { ok: true, data: { recoveryCodes } };
  },
);

export const disableSecondFactorAction = staffAction(
  { roles: ANY_STAFF, schema: z.object({ currentPassword: password }), pendingAccountStep: true },
  async (input, staff) => {
    // Where admins must have a second factor, an admin cannot turn theirs off (another admin's reset can).
    if (staff.role === StaffRole.admin && env().REQUIRE_ADMIN_2FA) return { ok: false, error: "requiredForAdmins" };
    if (!(await findSecondFactor(staff.id))?.totpSecret) return { ok: false, error: "notEnabled" };
    const check = await currentPasswordOk(staff, input.currentPassword);
    if (check !== "ok") return fail(check, check === "wrongPassword" ? "currentPassword" : undefined);
    await disableSecondFactor(staff);
    revalidatePath("/account");
    return { ok: true, data: null };
  },
);
