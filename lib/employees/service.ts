import "server-only";
import { CHECK_FIELDS, fieldErrorsOf } from "@/lib/forms/result";
import { easyFreelance } from "@/lib/easyfreelance/server";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
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
 * Bank details go to EasyFreelance only; the portal does not keep them.
 */
export async function addEmployee(values: AddEmployeeValues): Promise<AddEmployeeResult> {
  const parsed = parseAddEmployeeForm(values);
  if (!parsed.success) {
    return { ok: false, error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error) };
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
        error: !onForm
          ? error.safeMessage
          : error.httpStatus === undefined
            ? "Check the highlighted fields: nothing was sent to EasyFreelance."
            : "EasyFreelance did not accept some details: check the highlighted fields.",
        fieldErrors,
      };
    }
    if (error.kind === "timeout") {
      return {
        ok: false,
        error:
          "EasyFreelance did not answer in time; it may still have created the employee. Submit the form again: EasyFreelance matches on email, so this links the same user instead of making a second one.",
      };
    }
    return { ok: false, error: error.safeMessage };
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
export async function refreshEmployeeOnboarding(employeeId: string): Promise<RefreshOnboardingResult> {
  const employee = await findEmployee(employeeId);
  if (!employee) return { ok: false, error: "This employee no longer exists. Reload the page." };
  try {
    const user = await easyFreelance().getUser(employee.efUserId);
    await saveEmployeeOnboarding(employee.id, onboardingJson(user.onboarding));
    return { ok: true };
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    log.warn("employees: onboarding refresh failed", { kind: error.kind, httpStatus: error.httpStatus });
    if (error.kind === "not_found") {
      return {
        ok: false,
        error: `EasyFreelance has no user ${employee.efUserId} linked to this portal's partner account. Use Relink on this page to link them again by their email.`,
      };
    }
    return { ok: false, error: error.safeMessage };
  }
}

export type CreateOrLinkResult = { employeeId: string; efUserId: number; created: boolean };

/**
 * Add employee's create-or-link (POST /users, then the upsert by EasyFreelance id) for callers that decide
 * for themselves what a failure means: the CSV import retries a timeout and records field errors per row.
 * Throws the client's EasyFreelanceError. The caller has already checked the portal for the email.
 */
export async function createOrLinkEmployee(input: UpsertUserInput): Promise<CreateOrLinkResult> {
  const user = await easyFreelance().upsertUser(input);
  const saved = await upsertEmployeeByEfUserId({
    efUserId: user.id,
    email: user.email || input.email,
    firstName: input.firstName ?? user.firstName ?? "",
    lastName: input.lastName ?? user.lastName ?? "",
    internalId: input.internalId !== undefined && input.internalId !== null ? String(input.internalId) : user.internalId,
    onboarding: onboardingJson(user.onboarding),
  });
  return { employeeId: saved.id, efUserId: user.id, created: saved.created };
}
