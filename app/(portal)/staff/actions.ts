"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { newStaffFormSchema } from "@/lib/auth/password-policy";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { newTemporaryPassword, temporaryPasswordExpiry } from "@/lib/auth/temporary-password";
import { staffRoleSchema } from "@/lib/forms/enums";
import { changeStaffRole, createStaffUser, setStaffActive } from "@/lib/db/staff";
import { resetStaffPassword } from "@/lib/db/accounts";

const staffId = z.string().min(1).max(64);

// The password is hashed here and never returned, logged or audited. It is an initial password: the new
// member must replace it at the first sign-in, and it stops working after TEMPORARY_PASSWORD_HOURS.
export const createStaffAction = staffAction({ roles: ADMIN_ONLY, schema: newStaffFormSchema }, async (input, staff) => {
  const result = await createStaffUser(
    {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
      passwordExpiresAt: temporaryPasswordExpiry(),
    },
    staff,
  );
  if (!result.ok) {
    // The form shows what was typed again (never the password).
    return {
      ok: false,
      error: "emailTaken",
      fieldErrors: { email: ["emailTaken"] },
      values: { email: input.email, name: input.name, role: input.role },
    };
  }
  revalidatePath("/staff");
  return { ok: true, data: { email: input.email } };
});

export const changeStaffRoleAction = staffAction(
  { roles: ADMIN_ONLY, schema: z.object({ staffId, role: staffRoleSchema }) },
  async (input, staff) => {
    const result = await changeStaffRole(input.staffId, input.role, staff);
    if (!result.ok) return result;
    revalidatePath("/staff");
    return { ok: true, data: null };
  },
);

export const setStaffActiveAction = staffAction(
  { roles: ADMIN_ONLY, schema: z.object({ staffId, active: z.enum(["true", "false"]).transform((value) => value === "true") }) },
  async (input, staff) => {
    const result = await setStaffActive(input.staffId, input.active, staff);
    if (!result.ok) return result;
    revalidatePath("/staff");
    return { ok: true, data: null };
  },
);

/**
 * An admin's reset: a temporary password shown once in the answer (to this admin only; never stored in
 * clear, logged or audited), to be changed at the first sign-in and expiring; every session of the user ends.
 * With `resetSecondFactor`, their two-step verification is turned off too (lost phone and recovery codes).
 */
export const resetStaffPasswordAction = staffAction(
  { roles: ADMIN_ONLY, schema: z.object({ staffId, resetSecondFactor: z.literal("on").optional() }) },
  async (input, staff) => {
    const expiresAt = temporaryPasswordExpiry();
    // (The email check of the password rule is moot for 20 random characters.)
    const temporaryPassword = newTemporaryPassword("");
    const result = await resetStaffPassword(
      input.staffId,
      { passwordHash: await hashPassword(temporaryPassword), expiresAt, resetSecondFactor: input.resetSecondFactor === "on" },
      staff,
    );
    if (!result.ok) return { ok: false, error: result.error === "self" ? "resetSelf" : "staffGone" };
    revalidatePath("/staff");
    return { ok: true, data: { email: result.email, temporaryPassword, expiresAt: expiresAt.toISOString() } };
  },
);
