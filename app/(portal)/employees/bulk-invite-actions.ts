"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { staffAction, type ActionResult } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { READINESS_FILTERS, matchingEmployeeIds } from "@/lib/db/employees";
import { mailConfigured } from "@/lib/mail/send";
import { BULK_INVITE_LIMIT, bulkInvite, methodOf, METHOD_CHOICES, type BulkInviteReport } from "@/lib/verification/invitations";
import { LIST_FILTERS } from "./list-params";

const id = z.string().min(1).max(64);

// "selected": the ticked ids (comma-separated: a form posts one value per name). "filter": the list's search and
// filter, resolved on the server a batch of BULK_INVITE_LIMIT at a time; `after` is the last id of the batch before.
const bulkInviteSchema = z.discriminatedUnion("scope", [
  z.object({
    scope: z.literal("selected"),
    method: z.enum(["employee", ...METHOD_CHOICES]),
    employeeIds: z
      .string()
      .max(BULK_INVITE_LIMIT * 65)
      .transform((text) => text.split(",").filter(Boolean))
      .pipe(z.array(id).min(1, { error: "noneSelected" }).max(BULK_INVITE_LIMIT, { error: "tooMany" })),
  }),
  z.object({
    scope: z.literal("filter"),
    method: z.enum(["employee", ...METHOD_CHOICES]),
    q: z.string().trim().max(100).optional(),
    status: z.enum(LIST_FILTERS).optional().catch(undefined),
    readiness: z.enum(READINESS_FILTERS).optional().catch(undefined),
    after: id.optional(),
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
        BULK_INVITE_LIMIT,
      );
      ids = batch.ids;
      total = batch.total;
      next = ids.length === BULK_INVITE_LIMIT ? ids[ids.length - 1] : null;
    }
    const report = await bulkInvite(ids, method, staff, { scope: input.scope });
    revalidatePath("/employees", "layout");
    return { ok: true, data: { ...report, total, next } };
  },
);
