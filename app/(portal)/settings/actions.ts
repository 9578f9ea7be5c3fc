"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { staffAction } from "@/lib/auth/action";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/db/audit";
import { returnUrlBase } from "@/lib/verification/urls";
import { checkCredentials, registerPortalReturnUrl, type CredentialsCheck } from "@/lib/settings/service";

// `confirmNewRequest` comes from "Register again"'s checkbox; the service refuses a second registration
// without it, so a stale page or a hand-made request cannot file one by accident.
const registerSchema = z.object({ confirmNewRequest: z.literal("yes").optional() });

export const registerReturnUrlAction = staffAction<typeof registerSchema, { status: string }>(
  { roles: ADMIN_ONLY, schema: registerSchema },
  async (input, staff) => {
    const result = await registerPortalReturnUrl(staff.id, { newRequestConfirmed: input.confirmNewRequest === "yes", locale: await getLocale() });
    // Every request filed with EasyFreelance (or refused) is on record, with who asked.
    await recordAudit({
      action: "settings.return_url_registered",
      actor: staff,
      data: {
        url: returnUrlBase(),
        outcome: result.ok ? result.registration.status : result.needsConfirmation ? "needs_confirmation" : "failed",
        newRequestConfirmed: input.confirmNewRequest === "yes",
      },
    });
    if (!result.ok) {
      // Refused for want of confirmation: a page loaded before the registration now shows "Register again".
      if (result.needsConfirmation) revalidatePath("/settings");
      return { ok: false, error: result.error };
    }
    revalidatePath("/settings");
    return { ok: true, data: { status: result.registration.status } };
  },
);

export const checkCredentialsAction = staffAction<z.ZodObject, CredentialsCheck>(
  { roles: ADMIN_ONLY, schema: z.object({}) },
  async (_input, staff) => {
    const check = await checkCredentials(await getLocale());
    await recordAudit({ action: "settings.credentials_checked", actor: staff, data: { outcome: check.outcome } });
    return { ok: true, data: check };
  },
);
