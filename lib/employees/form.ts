// The Add employee form: what it accepts, checked on the server before anything goes to EasyFreelance.
// Field names are the client's input names (`bankIban`, `internalId`…), so the client's own field
// errors (local or EasyFreelance's 422, via `inputFieldErrors`) land next to the same inputs.
// Messages are `formErrors` keys, said in the user's language by lib/forms/parse.ts.
import { z } from "zod";
import type { UpsertUserInput } from "@/lib/easyfreelance/schemas";
import { safeParseForm } from "@/lib/forms/zod-keys";

export const BANK_MODES = ["none", "domestic", "international"] as const;
export type BankMode = (typeof BANK_MODES)[number];

export const ADD_EMPLOYEE_FIELDS = [
  "email",
  "internalId",
  "firstName",
  "lastName",
  "phone",
  "bankMode",
  "bankAccountNumber",
  "bankIban",
  "bankBic",
] as const;
export type AddEmployeeField = (typeof ADD_EMPLOYEE_FIELDS)[number];
export type AddEmployeeValues = Partial<Record<AddEmployeeField, string>>;

/** Everything arrives as text (or not at all): what staffAction accepts before the real check (the form schema). */
function rawText<Field extends string>(fields: readonly Field[]) {
  return Object.fromEntries(fields.map((field) => [field, z.string().max(4096).optional()])) as Record<Field, z.ZodOptional<z.ZodString>>;
}

/** The form's values with an absent field as empty text (empty inputs count as not given). */
function textOf<Field extends string>(fields: readonly Field[], values: Partial<Record<Field, string>>): Record<Field, string> {
  return Object.fromEntries(fields.map((field) => [field, values[field] ?? ""])) as Record<Field, string>;
}

export const addEmployeeRawSchema = z.object(rawText(ADD_EMPLOYEE_FIELDS));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "maxLength")
    .transform((value) => (value === "" ? undefined : value));

// The identity fields, shared with Edit details (lib/employees/corrections.ts): one rule for each.
export const emailField = z
  .string({ error: "enterEmail" })
  .trim()
  .min(1, "enterEmail")
  .max(254, "maxLength")
  .pipe(z.email({ error: "emailInvalid" }));
export const internalIdField = z
  .string()
  .trim()
  .regex(/^\d{0,9}$/, "internalIdDigits")
  .transform((value) => (value === "" ? undefined : Number(value)));
export const firstNameField = optionalText(254);
export const lastNameField = optionalText(254);

export const addEmployeeFormSchema = z
  .object({
    email: emailField,
    internalId: internalIdField,
    firstName: firstNameField,
    lastName: lastNameField,
    phone: z
      .string()
      .trim()
      .regex(/^(\d{4,15})?$/, "phoneDigits")
      .transform((value) => (value === "" ? undefined : value)),
    bankMode: z.enum(BANK_MODES, { error: "chooseBankMode" }),
    bankAccountNumber: optionalText(255),
    bankIban: optionalText(255),
    bankBic: optionalText(255),
  })
  .superRefine((value, ctx) => {
    // The domestic-or-international rule: a Norwegian account number, or IBAN and BIC together.
    if (value.bankMode === "domestic" && !value.bankAccountNumber) {
      ctx.addIssue({ code: "custom", path: ["bankAccountNumber"], message: "enterAccountNumber" });
    }
    if (value.bankMode === "international") {
      if (!value.bankIban) ctx.addIssue({ code: "custom", path: ["bankIban"], message: "enterIban" });
      if (!value.bankBic) ctx.addIssue({ code: "custom", path: ["bankBic"], message: "enterBic" });
    }
  });

export type AddEmployeeForm = z.output<typeof addEmployeeFormSchema>;

/** Empty inputs count as not given; bank fields of the mode not chosen are never sent. */
export function parseAddEmployeeForm(values: AddEmployeeValues) {
  return safeParseForm(addEmployeeFormSchema, { ...textOf(ADD_EMPLOYEE_FIELDS, values), bankMode: values.bankMode || "none" });
}

export function toUpsertUserInput(form: AddEmployeeForm): UpsertUserInput {
  const input: UpsertUserInput = { email: form.email };
  if (form.internalId !== undefined) input.internalId = form.internalId;
  if (form.firstName !== undefined) input.firstName = form.firstName;
  if (form.lastName !== undefined) input.lastName = form.lastName;
  if (form.phone !== undefined) input.phone = form.phone;
  if (form.bankMode === "domestic") input.bankAccountNumber = form.bankAccountNumber;
  if (form.bankMode === "international") {
    input.bankIban = form.bankIban;
    input.bankBic = form.bankBic;
  }
  return input;
}

/** Edit details: the portal's own copy of the identity fields (EasyFreelance keeps its own). */
export const EDIT_EMPLOYEE_FIELDS = ["firstName", "lastName", "email", "internalId"] as const;
export type EditEmployeeField = (typeof EDIT_EMPLOYEE_FIELDS)[number];
export type EditEmployeeValues = Partial<Record<EditEmployeeField, string>>;

export const editEmployeeRawSchema = z.object({
  employeeId: z.string().min(1).max(64),
  ...rawText(EDIT_EMPLOYEE_FIELDS),
});

export const editEmployeeFormSchema = z.object({
  email: emailField,
  internalId: internalIdField,
  firstName: firstNameField,
  lastName: lastNameField,
});

export function parseEditEmployeeForm(values: EditEmployeeValues) {
  return safeParseForm(editEmployeeFormSchema, textOf(EDIT_EMPLOYEE_FIELDS, values));
}
