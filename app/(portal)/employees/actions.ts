"use server";

import { z } from "zod";
import { staffAction, type ActionResult } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { idTypeSchema } from "@/lib/forms/enums";
import { Provider } from "@/lib/generated/prisma/enums";
import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { startVerification, type StartingStaff, type StartVerificationInput } from "@/lib/verification/service";
import {
  createOrReuseInvitation,
  deliverInvitation,
  findInvitationForEmployee,
  methodOf,
  METHOD_CHOICES,
  revokeInvitation,
  summarizeInvitation,
  type InvitationSummary,
} from "@/lib/verification/invitations";
import { getVerifyDialogState, openVerificationOf, type OpenVerification, type VerifyDialogState } from "@/lib/verification/dialog-state";

const employeeId = z.string().min(1).max(64);

// A verified employee gets a new flow only when HR ticks the confirmation; the reason is optional.
const reverifyFields = {
  confirmReverify: z.literal("on").optional(),
  reason: z.string().trim().max(500, { error: "reasonTooLong" }).optional(),
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
  { error: "chooseProvider" },
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

// Invitations (issue 13): the portal's own link for the employee, its email and its revocation.
const invitationSchema = z.object({
  employeeId,
  method: z.enum(["employee", ...METHOD_CHOICES], { error: "Choose a method." }),
});

export const createInvitationAction = staffAction(
  { roles: CAN_VERIFY, schema: invitationSchema },
  async ({ employeeId, method }, staff): Promise<ActionResult<InvitationSummary>> => {
    const t = await getTranslations("invitations");
    const result = await createOrReuseInvitation(employeeId, method === "employee" ? null : methodOf(method), staff);
    revalidatePath("/employees", "layout");
    if (!result.ok) return { ok: false, error: t(INVITATION_REFUSALS[result.reason]) };
    return { ok: true, data: await summarizeInvitation(result.invitation, new Date(), true) };
  },
);

const INVITATION_REFUSALS = { gone: "gone", archived: "archived", already_verified: "alreadyVerified" } as const;

const invitationRef = z.object({ employeeId, invitationId: z.string().min(1).max(64) });

export const sendInvitationAction = staffAction(
  { roles: CAN_VERIFY, schema: invitationRef },
  async ({ employeeId, invitationId }, staff): Promise<ActionResult<InvitationSummary>> => {
    const t = await getTranslations("invitations");
    const invitation = await findInvitationForEmployee(invitationId, employeeId);
    if (!invitation) return { ok: false, error: t("gone") };
    const sent = await deliverInvitation(invitation, "invitation", staff);
    revalidatePath("/employees", "layout");
    if (!sent.ok) return { ok: false, error: t("notSent", { reason: t(`failure.${sent.failure}`) }) };
    const fresh = await findInvitationForEmployee(invitationId, employeeId);
    return { ok: true, data: await summarizeInvitation(fresh ?? invitation, new Date(), true) };
  },
);

export const revokeInvitationAction = staffAction(
  { roles: CAN_VERIFY, schema: invitationRef },
  async ({ employeeId, invitationId }, staff): Promise<ActionResult<{ revoked: boolean }>> => {
    const revoked = await revokeInvitation(invitationId, employeeId, staff);
    revalidatePath("/employees", "layout");
    return { ok: true, data: { revoked } };
  },
);
