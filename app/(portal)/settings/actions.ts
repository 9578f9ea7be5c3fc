"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/action";
import { checkCredentials, registerPortalReturnUrl, type CredentialsCheck } from "@/lib/settings/service";

const ADMIN = ["admin"] as const;

export const registerReturnUrlAction = staffAction({ roles: ADMIN, schema: z.object({}) }, async (_input, staff) => {
  const result = await registerPortalReturnUrl(staff.id);
  if (!result.ok) return { ok: false, error: result.error };
  revalidatePath("/settings");
  return { ok: true, data: { status: result.registration.status } };
});

export const checkCredentialsAction = staffAction<z.ZodObject, CredentialsCheck>(
  { roles: ADMIN, schema: z.object({}) },
  async () => ({ ok: true, data: await checkCredentials() }),
);
