"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/action";
import { refreshEmployeeOnboarding } from "@/lib/employees/service";

/** Reads the employee's onboarding from EasyFreelance (a read: every staff role may ask). */
export const refreshOnboardingAction = staffAction(
  { roles: ["admin", "hr", "viewer"], schema: z.object({ employeeId: z.string().min(1).max(64) }) },
  async ({ employeeId }) => {
    const result = await refreshEmployeeOnboarding(employeeId);
    if (!result.ok) return { ok: false, error: result.error };
    revalidatePath(`/employees/${employeeId}`);
    return { ok: true, data: { refreshedAt: new Date().toISOString() } };
  },
);
