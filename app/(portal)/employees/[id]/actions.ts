"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { staffAction } from "@/lib/auth/action";
import { ADMIN_ONLY, ANY_STAFF, CAN_VERIFY } from "@/lib/auth/roles";
import { refreshEmployeeOnboarding } from "@/lib/employees/service";
import { archiveEmployee, editEmployee, eraseEmployee, relinkEmployee } from "@/lib/employees/corrections";
import { EDIT_EMPLOYEE_FIELDS, editEmployeeRawSchema, type EditEmployeeValues } from "@/lib/employees/form";

const employeeIdField = z.string().min(1).max(64);

/** Reads the employee's onboarding from EasyFreelance (a read: every staff role may ask). */
export const refreshOnboardingAction = staffAction(
  { roles: ANY_STAFF, schema: z.object({ employeeId: employeeIdField }) },
  async ({ employeeId }) => {
    const result = await refreshEmployeeOnboarding(employeeId, await getLocale());
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath(`/employees/${employeeId}`);
    return { ok: true, data: { refreshedAt: new Date().toISOString() } };
  },
);

/** Edit details (admin, hr): the portal's copy only. The typed values come back on a failed save. */
export const editEmployeeAction = staffAction({ roles: CAN_VERIFY, schema: editEmployeeRawSchema }, async (input, staff) => {
  const values: EditEmployeeValues = {};
  for (const field of EDIT_EMPLOYEE_FIELDS) if (typeof input[field] === "string") values[field] = input[field];
  const result = await editEmployee(input.employeeId, values, staff, await getLocale());
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values: values as Record<string, string> };
  revalidatePath(`/employees/${input.employeeId}`);
  revalidatePath("/employees");
  return { ok: true, data: { changed: result.changed } };
});

/** Relink (admin, hr): POST /users by the employee's email, then the same row takes the id EasyFreelance answers. */
export const relinkEmployeeAction = staffAction(
  { roles: CAN_VERIFY, schema: z.object({ employeeId: employeeIdField }) },
  async ({ employeeId }, staff) => {
    const result = await relinkEmployee(employeeId, staff, await getLocale());
    if (!result.ok) {
      const t = await getTranslations("corrections");
      return {
        ok: false,
        error: result.error,
        link: result.conflict ? { href: `/employees/${result.conflict.id}`, label: t("openOther", { name: result.conflict.name }) } : undefined,
      };
    }
    revalidatePath(`/employees/${employeeId}`);
    revalidatePath("/employees");
    return { ok: true, data: { fromEfUserId: result.fromEfUserId, toEfUserId: result.toEfUserId } };
  },
);

/** Archive or unarchive (admin, hr). */
export const setEmployeeArchivedAction = staffAction(
  { roles: CAN_VERIFY, schema: z.object({ employeeId: employeeIdField, archived: z.enum(["true", "false"]) }) },
  async ({ employeeId, archived }, staff) => {
    const result = await archiveEmployee(employeeId, archived === "true", staff, await getLocale());
    if (!result.ok) return result;
    revalidatePath(`/employees/${employeeId}`);
    revalidatePath("/employees");
    return { ok: true, data: { archived: archived === "true" } };
  },
);

/** Erase (admins only): deletes the employee from the portal; EasyFreelance is not touched. */
export const eraseEmployeeAction = staffAction(
  { roles: ADMIN_ONLY, schema: z.object({ employeeId: employeeIdField, confirmName: z.string().max(600).default("") }) },
  async ({ employeeId, confirmName }, staff) => {
    const result = await eraseEmployee(employeeId, confirmName, staff, await getLocale());
    if (!result.ok) return result;
    revalidatePath("/employees");
    redirect(`/employees?erased=${result.sessionsRemoved}`);
  },
);
