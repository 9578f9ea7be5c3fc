import "server-only";
import { checkFields, fieldErrorsOf } from "@/lib/forms/parse";
// What HR can correct on an employee: the portal's details, the link to EasyFreelance (relink on the
// same row, history kept), archiving, and erasure. All audited in lib/db/employee-corrections.ts.
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError, sayEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { UpsertUserInput } from "@/lib/easyfreelance/schemas";
import type { AuditActor } from "@/lib/db/audit";
import {
  eraseEmployeeRow,
  findEmployeeByEmail,
  findEmployeeIdentity,
  relinkEmployeeRow,
  setEmployeeArchived,
  updateEmployeeDetails,
  type EmployeeDetails,
} from "@/lib/db/employee-corrections";
import { parseEditEmployeeForm, type EditEmployeeValues } from "./form";
import { employeeName } from "./name";
import { onboardingJson } from "./service";
import { log } from "@/lib/log";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";

// Every message is in the caller's language (the actions pass the request's; English when not given).
const words = (locale: Locale) => translator(locale, "corrections");

// The fields' names inside messages ("Saved: changed email, internal id."), keys chosen at run time.
const FIELD_KEYS: Record<keyof EmployeeDetails, `field.${keyof EmployeeDetails}`> = {
  firstName: "field.firstName",
  lastName: "field.lastName",
  email: "field.email",
  internalId: "field.internalId",
};
const fieldName = (t: ReturnType<typeof words>, field: string) => (field in FIELD_KEYS ? t(FIELD_KEYS[field as keyof EmployeeDetails]) : field);

export type EditEmployeeResult = { ok: true; changed: string[] } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Edit details: the portal's own copy only (EasyFreelance keeps its own). Same rules as Add employee. */
export async function editEmployee(id: string, values: EditEmployeeValues, actor: AuditActor, locale: Locale = "en"): Promise<EditEmployeeResult> {
  const t = words(locale);
  const parsed = parseEditEmployeeForm(values);
  if (!parsed.success) return { ok: false, error: checkFields(locale), fieldErrors: fieldErrorsOf(parsed.error, locale) };
  const form = parsed.data;
  // One person, one row: an email another employee has would make Add employee ambiguous again.
  const other = await findEmployeeByEmail(form.email, { excludeId: id });
  if (other) {
    const message = t(other.archivedAt ? "emailTakenArchived" : "emailTaken", { name: employeeName(other) });
    return { ok: false, error: checkFields(locale), fieldErrors: { email: [message] } };
  }
  const saved = await updateEmployeeDetails(
    id,
    {
      email: form.email,
      firstName: form.firstName ?? "",
      lastName: form.lastName ?? "",
      internalId: form.internalId !== undefined ? String(form.internalId) : null,
    },
    actor,
  );
  if (!saved.ok) return { ok: false, error: t("gone") };
  return { ok: true, changed: saved.changed.map((field) => t(FIELD_KEYS[field])) };
}

export type RelinkResult =
  { ok: true; fromEfUserId: number; toEfUserId: number } | { ok: false; error: string; conflict?: { id: string; name: string } };

/**
 * Relink: asks EasyFreelance to create or link the user with this employee's email (POST /users, as Add
 * employee does) and points the SAME row at the id it answers, so sessions and history stay attached.
 */
export async function relinkEmployee(id: string, actor: AuditActor, locale: Locale = "en"): Promise<RelinkResult> {
  const t = words(locale);
  const employee = await findEmployeeIdentity(id);
  if (!employee) return { ok: false, error: t("gone") };
  // As Add employee sends them: names only when known; the internal id only when EasyFreelance can take it.
  const input: UpsertUserInput = { email: employee.email };
  if (employee.internalId && /^\d{1,9}$/.test(employee.internalId)) input.internalId = Number(employee.internalId);
  if (employee.firstName) input.firstName = employee.firstName;
  if (employee.lastName) input.lastName = employee.lastName;

  let user;
  try {
    user = await easyFreelance().upsertUser(input);
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    log.warn("employees: relink failed", { kind: error.kind, httpStatus: error.httpStatus });
    const unchanged = t("linkUnchanged");
    if (error.kind === "validation") {
      const problems = Object.entries(error.inputFieldErrors ?? {}).map(([field, messages]) => `${fieldName(t, field)}: ${messages.join(" ")}`);
      return {
        ok: false,
        error: problems.length ? t("relinkRejected", { problems: problems.join("; ") }) : `${sayEasyFreelanceError(error, locale)} ${unchanged}`,
      };
    }
    if (error.kind === "timeout") return { ok: false, error: t("relinkTimeout") };
    return { ok: false, error: `${sayEasyFreelanceError(error, locale)} ${unchanged}` };
  }

  const saved = await relinkEmployeeRow(id, user.id, onboardingJson(user.onboarding), actor);
  if (saved.ok) return saved;
  if (saved.reason === "gone") return { ok: false, error: t("gone") };
  const name = employeeName(saved.other);
  return {
    ok: false,
    error: t(saved.other.archivedAt ? "relinkConflictArchived" : "relinkConflict", { efUserId: user.id, name, email: saved.other.email }),
    conflict: { id: saved.other.id, name },
  };
}

export async function archiveEmployee(
  id: string,
  archived: boolean,
  actor: AuditActor,
  locale: Locale = "en",
): Promise<{ ok: true } | { ok: false; error: string }> {
  const saved = await setEmployeeArchived(id, archived, actor);
  return saved.ok ? { ok: true } : { ok: false, error: words(locale)("gone") };
}

export type EraseResult = { ok: true; sessionsRemoved: number } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Erase (admins): only after the employee's name is typed, so a stray click cannot delete anyone. */
export async function eraseEmployee(id: string, confirmName: string, actor: AuditActor, locale: Locale = "en"): Promise<EraseResult> {
  const t = words(locale);
  const employee = await findEmployeeIdentity(id);
  if (!employee) return { ok: false, error: t("gone") };
  const name = employeeName(employee);
  if (confirmName.trim().toLowerCase() !== name.toLowerCase()) {
    return { ok: false, error: t("nothingErased"), fieldErrors: { confirmName: [t("typeNameExactly", { name })] } };
  }
  const erased = await eraseEmployeeRow(id, actor);
  return erased.ok ? erased : { ok: false, error: t("gone") };
}
