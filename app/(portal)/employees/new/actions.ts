"use server";

import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { addEmployee } from "@/lib/employees/service";
import { addEmployeeRawSchema, ADD_EMPLOYEE_FIELDS, type AddEmployeeValues } from "@/lib/employees/form";

/** Add employee (admin, hr). On success the browser goes to the employee's page. */
export const addEmployeeAction = staffAction({ roles: CAN_VERIFY, schema: addEmployeeRawSchema }, async (input) => {
  const values: AddEmployeeValues = {};
  for (const field of ADD_EMPLOYEE_FIELDS) if (typeof input[field] === "string") values[field] = input[field];
  const result = await addEmployee(values, await getLocale());
  if (!result.ok) {
    // The typed values go back so the form keeps them.
    return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values: values as Record<string, string> };
  }
  // Already in the portal: their page says so and offers Relink (and Unarchive) instead of a second row.
  if (result.alreadyInPortal) redirect(`/employees/${result.employeeId}?existing=1`);
  revalidatePath("/employees");
  redirect(`/employees/${result.employeeId}?added=${result.created ? "created" : "updated"}`);
});
