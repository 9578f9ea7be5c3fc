import "server-only";
import type { z } from "zod";
import { getLocale } from "next-intl/server";
import type { ActionResult } from "@/lib/forms/result";
import { parseForm } from "@/lib/forms/parse";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { StaffRole } from "./roles";
import { actionSessionStaff, hasRole, pendingAccountStep, type StaffIdentity } from "./session";

export type { ActionResult };

/**
 * The one wrapper every server action goes through: checks the session, the role and the input,
 * on the server, whatever the page already checked. Handlers receive parsed input only. A failed parse
 * answers the field errors and what the user typed, so the form shows it again (lib/forms/result.ts);
 * a handler that refuses valid input returns `values` itself where its form needs them.
 * `pendingAccountStep: true` only for the Account page's own actions: they are what a user with a temporary
 * password or a second factor to enrol may do; every other action refuses them.
 * Refusals and field errors are in the request's language (lib/forms/parse.ts).
 */
export function staffAction<Schema extends z.ZodType, T>(
  options: { roles: readonly StaffRole[]; schema: Schema; pendingAccountStep?: boolean },
  handler: (input: z.output<Schema>, staff: StaffIdentity) => Promise<ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const signedIn = await actionSessionStaff();
    const staff = signedIn && (options.pendingAccountStep || !pendingAccountStep(signedIn)) ? signedIn : null;
    const locale = (await getLocale()) as Locale;
    const t = translator(locale, "formErrors");
    if (!staff) return { ok: false, error: t("sessionEnded") };
    if (!hasRole(staff, options.roles)) return { ok: false, error: t("roleNotAllowed") };

    const parsed = parseForm(options.schema, formData, locale);
    if (!parsed.ok) return parsed;
    return handler(parsed.data, { id: staff.id, email: staff.email, name: staff.name, role: staff.role });
  };
}
