import "server-only";
import type { CallPriority } from "@/lib/easyfreelance/budget";
import { checkFields, fieldErrorsOf } from "@/lib/forms/parse";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError, sayEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { Onboarding, UpsertUserInput } from "@/lib/easyfreelance/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findEmployee, saveEmployeeOnboarding, upsertEmployeeByEfUserId } from "@/lib/db/employees";
import { findEmployeeByEmail } from "@/lib/db/employee-corrections";
import { ADD_EMPLOYEE_FIELDS, parseAddEmployeeForm, toUpsertUserInput, type AddEmployeeValues } from "./form";
import { log } from "@/lib/log";

export type AddEmployeeResult =
  /** `alreadyInPortal`: the email was already an employee here; nothing was sent to EasyFreelance. */
  | {
      ok: true;
      employeeId: string;
      efUserId: number;
      created: boolean;
      alreadyInPortal?: { archived: boolean };
      /** EasyFreelance already had this person and linked them to the partner (their bank details now show). */
      linkedExisting?: boolean;
      email?: string;
    }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** The client's normalised onboarding as stored JSON (dates become ISO strings). */
export function onboardingJson(onboarding: Onboarding | null): Prisma.InputJsonObject | null {
  return onboarding ? (JSON.parse(JSON.stringify(onboarding)) as Prisma.InputJsonObject) : null;
}

/**
 * Add employee: creates the user in EasyFreelance, or links the existing one with that email
 * (POST /users), and stores EasyFreelance's user id locally (one row per EasyFreelance user).
 * Bank details go to EasyFreelance only; the portal does not keep them. Messages are in `locale` (the
 * action passes the request's); EasyFreelance's own field messages stay as it wrote them.
 */
export async function addEmployee(values: AddEmployeeValues, locale: Locale = "en"): Promise<AddEmployeeResult> {
  const t = translator(locale, "employeeErrors");
  const parsed = parseAddEmployeeForm(values);
  if (!parsed.success) {
    return { ok: false, error: checkFields(locale), fieldErrors: fieldErrorsOf(parsed.error, locale) };
  }
  const form = parsed.data;
  // Checked before POST /users: EasyFreelance would answer with its current id for this email, and if
  // that differs from the stored one (the defect this prevents) a second row for the same person appeared.
  const existing = await findEmployeeByEmail(form.email);
  if (existing) {
    return {
      ok: true,
      employeeId: existing.id,
      efUserId: existing.efUserId,
      created: false,
      alreadyInPortal: { archived: existing.archivedAt !== null },
    };
  }
  let user;
  try {
    user = await easyFreelance().upsertUser(toUpsertUserInput(form));
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    log.warn("employees: add failed", { kind: error.kind, httpStatus: error.httpStatus });
    if (error.kind === "validation") {
      // Field errors (ours or EasyFreelance's 422), keyed by the form's field names.
      const fieldErrors = error.inputFieldErrors ?? {};
      const onForm = Object.keys(fieldErrors).some((field) => (ADD_EMPLOYEE_FIELDS as readonly string[]).includes(field));
      return {
        ok: false,
        error: !onForm ? sayEasyFreelanceError(error, locale) : t(error.httpStatus === undefined ? "checkFieldsNotSent" : "checkFieldsRejected"),
        fieldErrors,
      };
    }
    if (error.kind === "timeout") {
      return { ok: false, error: t("addTimeout") };
    }
    return { ok: false, error: sayEasyFreelanceError(error, locale) };
  }

  const saved = await upsertEmployeeByEfUserId({
    efUserId: user.id,
    email: user.email || form.email,
    firstName: form.firstName ?? user.firstName ?? "",
    lastName: form.lastName ?? user.lastName ?? "",
    internalId: form.internalId !== undefined ? String(form.internalId) : user.internalId,
    onboarding: onboardingJson(user.onboarding),
  });
  return {
    ok: true,
    employeeId: saved.id,
    efUserId: user.id,
    created: saved.created,
    linkedExisting: user.linkedExisting,
    email: user.email || form.email,
  };
}

export type RefreshOnboardingResult = { ok: true } | { ok: false; error: string };

/** Reads the employee's onboarding from EasyFreelance (GET /users/{id}) and keeps it. */
export async function refreshEmployeeOnboarding(employeeId: string, locale: Locale = "en"): Promise<RefreshOnboardingResult> {
  const t = translator(locale, "employeeErrors");
  const employee = await findEmployee(employeeId);
  if (!employee) return { ok: false, error: t("gone") };
  try {
    const user = await easyFreelance().getUser(employee.efUserId);
    await saveEmployeeOnboarding(employee.id, onboardingJson(user.onboarding));
    return { ok: true };
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    log.warn("employees: onboarding refresh failed", { kind: error.kind, httpStatus: error.httpStatus });
    if (error.kind === "not_found") {
      // The id as text: a number would be formatted for the language ("1 005").
      return { ok: false, error: t("noUser", { efUserId: String(employee.efUserId) }) };
    }
    return { ok: false, error: sayEasyFreelanceError(error, locale) };
  }
}

export type CreateOrLinkResult = { employeeId: string; efUserId: number; created: boolean };

/**
 * Add employee's create-or-link (POST /users, then the upsert by EasyFreelance id) for callers that decide
 * for themselves what a failure means: the CSV import retries a timeout and records field errors per row.
 * Throws the client's EasyFreelanceError. The caller has already checked the portal for the email.
 */
export async function createOrLinkEmployee(
  input: UpsertUserInput,
  options: { locale?: string | null; priority?: CallPriority } = {},
): Promise<CreateOrLinkResult> {
  const user = await easyFreelance().upsertUser(input, { priority: options.priority });
  const saved = await upsertEmployeeByEfUserId({
    efUserId: user.id,
    email: user.email || input.email,
    firstName: input.firstName ?? user.firstName ?? "",
    lastName: input.lastName ?? user.lastName ?? "",
    internalId: input.internalId !== undefined && input.internalId !== null ? String(input.internalId) : user.internalId,
    onboarding: onboardingJson(user.onboarding),
    locale: options.locale,
  });
  return { employeeId: saved.id, efUserId: user.id, created: saved.created };
}
