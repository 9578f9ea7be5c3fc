"use server";

import { z } from "zod";
import { staffAction, type ActionResult } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { idTypeSchema } from "@/lib/forms/enums";
import { Provider } from "@/lib/generated/prisma/enums";
import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { startVerification, type StartingStaff, type StartVerificationInput } from "@/lib/verification/service";
import { getVerifyDialogState, openVerificationOf, type OpenVerification, type VerifyDialogState } from "@/lib/verification/dialog-state";

const employeeId = z.string().min(1).max(64);

// A verified employee gets a new flow only when HR ticks the confirmation; the reason is optional.
const reverifyFields = {
  confirmReverify: z.literal("on").optional(),
  reason: z.string().trim().max(500, { error: "Keep the reason under 500 characters." }).optional(),
};

const startVerificationSchema = z.discriminatedUnion(
  "provider",
  [
    z.object({
      employeeId,
      provider: z.literal(Provider.veriff),
      idType: idTypeSchema,
      ...reverifyFields,
    }),
    z.object({ employeeId, provider: z.literal(Provider.bankid), ...reverifyFields }),
  ],
  { error: "Choose Veriff or BankID." },
);

export type StartedVerification = OpenVerification & { reused: boolean };

async function start(
  { confirmReverify, reason, ...input }: z.output<typeof startVerificationSchema> & { replaceSessionId?: string },
  staff: StartingStaff,
): Promise<ActionResult<StartedVerification>> {
  const request: StartVerificationInput = { ...input, reverify: confirmReverify ? { reason: reason || null } : undefined, locale: await getLocale() };
  const result = await startVerification(request, staff);
  // A failed attempt is recorded too: the list and the employee's page show it.
  revalidatePath("/employees", "layout");
  if (!result.ok) {
    // The dialog's form shows the choices again (lib/forms/result.ts).
    const values = Object.fromEntries(
      Object.entries({ ...input, confirmReverify, reason }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return { ok: false, error: result.error, values };
  }
  return { ok: true, data: { ...openVerificationOf(result.session), reused: result.reused } };
}

export const startVerificationAction = staffAction({ roles: CAN_VERIFY, schema: startVerificationSchema }, (input, staff) => start(input, staff));

// "Start over": explicit, and names the open session it replaces, so a second click (or a colleague's
// start over a moment earlier) reuses the replacement instead of superseding it too.
const startOverSchema = z.intersection(startVerificationSchema, z.object({ replaceSessionId: z.string().min(1).max(64) }));

export const startOverVerificationAction = staffAction({ roles: CAN_VERIFY, schema: startOverSchema }, (input, staff) => start(input, staff));

/** The Verify dialog's state, read fresh every time it opens and after every live status change. */
export const verifyDialogStateAction = staffAction(
  { roles: CAN_VERIFY, schema: z.object({ employeeId }) },
  async ({ employeeId }): Promise<ActionResult<VerifyDialogState>> => {
    const state = await getVerifyDialogState(employeeId, await getLocale());
    return state ? { ok: true, data: state } : { ok: false, error: (await getTranslations("verify"))("gone") };
  },
);
