"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { newStaffSchema } from "@/lib/auth/password-policy";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { staffRoleSchema } from "@/lib/forms/enums";
import { changeStaffRole, createStaffUser, setStaffActive } from "@/lib/db/staff";

const staffId = z.string().min(1).max(64);

// The password is hashed here and never returned, logged or audited: it is shown nowhere after creation.
export const createStaffAction = staffAction({ roles: ADMIN_ONLY, schema: newStaffSchema }, async (input, staff) => {
  const result = await createStaffUser(
    { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    staff,
  );
  if (!result.ok) {
    // The form shows what was typed again (never the password).
    return {
      ok: false,
      error: result.error,
      fieldErrors: { email: [result.error] },
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
