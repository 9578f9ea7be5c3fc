import "server-only";
import type { z } from "zod";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { currentStaff, hasRole, type StaffIdentity } from "./session";

export type ActionResult<T> =
  | { ok: true; data: T }
  /** `values`: what the user typed, for forms that must keep it after a failed submit. */
  | {
      ok: false;
      error: string;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string>;
      /** Where to go to resolve it (e.g. the employee who already holds an EasyFreelance id). */
      link?: { href: string; label: string };
    };

/**
 * The one wrapper every server action goes through: checks the session, the role and the input,
 * on the server, whatever the page already checked. Handlers receive parsed input only.
 */
export function staffAction<Schema extends z.ZodType, T>(
  options: { roles: readonly StaffRole[]; schema: Schema },
  handler: (input: z.output<Schema>, staff: StaffIdentity) => Promise<ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const staff = await currentStaff();
    if (!staff) return { ok: false, error: "Your session has ended. Sign in again." };
    if (!hasRole(staff, options.roles)) return { ok: false, error: "Your role does not allow this action." };

    const parsed = options.schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { ok: false, error: "Check the highlighted fields.", fieldErrors };
    }
    return handler(parsed.data, staff);
  };
}
