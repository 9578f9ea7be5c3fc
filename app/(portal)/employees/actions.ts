"use server";

import { z } from "zod";
import { staffAction, type ActionResult } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { idTypeSchema } from "@/lib/forms/enums";
import { Provider, type VerificationStatus } from "@/lib/generated/prisma/enums";
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
import { READINESS_FILTERS, matchingEmployeeIds } from "@/lib/db/employees";
import { mailConfigured } from "@/lib/mail/send";
import { BULK_FILTER_BATCH, BULK_INVITE_LIMIT, bulkInvite, type BulkInviteReport } from "@/lib/verification/invitations";
import { LIST_FILTERS } from "./list-params";
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

export type StartedVerification = OpenVerification & { reused: boolean; status: VerificationStatus };

async function start(
  { confirmReverify, reason, ...input }: z.output<typeof startVerificationSchema> & { replaceSessionId?: string },
  staff: StartingStaff,
): Promise<ActionResult<StartedVerification>> {
  const request: StartVerificationInput = { ...input, reverify: confirmReverify ? { reason: reason || null } : undefined, locale: await getLocale() };
  const result = await startVerification(request, staff);
  // No revalidatePath: it re-rendered the whole Employees list (a search of up to 100,000 employees) into this
  // response before the dialog could show its link. The dialog tells the list what changed, or refreshes the
  // employee's own page (components/verify-dialog.tsx); a failed attempt included.
  if (!result.ok) {
    // The dialog's form shows the choices again (lib/forms/result.ts).
    const values = Object.fromEntries(
      Object.entries({ ...input, confirmReverify, reason }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return { ok: false, error: result.error, values };
  }
  return { ok: true, data: { ...openVerificationOf(result.session), reused: result.reused, status: result.session.status } };
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

// Invitations (issue 13): the portal's own link for the employee, its email and its revocation. Like Verify they
// re-render nothing: the list shows no invitation, and the employee's page refreshes itself from the dialog.
const invitationSchema = z.object({
  employeeId,
  method: z.enum(["employee", ...METHOD_CHOICES], { error: "Choose a method." }),
});

export const createInvitationAction = staffAction(
  { roles: CAN_VERIFY, schema: invitationSchema },
  async ({ employeeId, method }, staff): Promise<ActionResult<InvitationSummary>> => {
    const t = await getTranslations("invitations");
    const result = await createOrReuseInvitation(employeeId, method === "employee" ? null : methodOf(method), staff);
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
    if (!sent.ok) return { ok: false, error: t("notSent", { reason: t(`failure.${sent.failure}`) }) };
    const fresh = await findInvitationForEmployee(invitationId, employeeId);
    return { ok: true, data: await summarizeInvitation(fresh ?? invitation, new Date(), true) };
  },
);

export const revokeInvitationAction = staffAction(
  { roles: CAN_VERIFY, schema: invitationRef },
  async ({ employeeId, invitationId }, staff): Promise<ActionResult<{ revoked: boolean }>> => {
    const revoked = await revokeInvitation(invitationId, employeeId, staff);
    return { ok: true, data: { revoked } };
  },
);

// Bulk invite (issue 13): many employees at once through the same create-or-reuse and send path; no EasyFreelance call.
// "selected": the ticked ids (comma-separated: a form posts one value per name). "filter": the list's search and
// filter, resolved on the server a batch of BULK_FILTER_BATCH at a time; `after` is the last id of the batch before.
const bulkInviteSchema = z.discriminatedUnion("scope", [
  z.object({
    scope: z.literal("selected"),
    method: z.enum(["employee", ...METHOD_CHOICES]),
    employeeIds: z
      .string()
      .max(BULK_INVITE_LIMIT * 65)
      .transform((text) => text.split(",").filter(Boolean))
      .pipe(z.array(employeeId).min(1, { error: "noneSelected" }).max(BULK_INVITE_LIMIT, { error: "tooMany" })),
  }),
  z.object({
    scope: z.literal("filter"),
    method: z.enum(["employee", ...METHOD_CHOICES]),
    q: z.string().trim().max(100).optional(),
    status: z.enum(LIST_FILTERS).optional().catch(undefined),
    readiness: z.enum(READINESS_FILTERS).optional().catch(undefined),
    after: employeeId.optional(),
  }),
]);

export type BulkInviteBatch = BulkInviteReport & {
  /** For "all that match": how many match in all, and the cursor of the next batch (null when this was the last). */
  total: number;
  next: string | null;
};

export const bulkInviteAction = staffAction(
  { roles: CAN_VERIFY, schema: bulkInviteSchema },
  async (input, staff): Promise<ActionResult<BulkInviteBatch>> => {
    const t = await getTranslations("bulkInvite");
    if (!mailConfigured()) return { ok: false, error: t("mailNotConfigured") };
    const method = input.method === "employee" ? null : methodOf(input.method);
    let ids: string[];
    let total: number;
    let next: string | null = null;
    if (input.scope === "selected") {
      ids = input.employeeIds;
      total = ids.length;
    } else {
      const batch = await matchingEmployeeIds(
        { q: input.q || undefined, status: input.status, readiness: input.readiness },
        input.after ?? null,
        BULK_FILTER_BATCH,
      );
      ids = batch.ids;
      total = batch.total;
      next = ids.length === BULK_FILTER_BATCH ? ids[ids.length - 1] : null;
    }
    const report = await bulkInvite(ids, method, staff, { scope: input.scope });
    return { ok: true, data: { ...report, total, next } };
  },
);
