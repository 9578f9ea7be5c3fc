// POST /users (create or link an employee by email) and GET /users/{id}.
import { z } from "zod";
import { numericIdSchema, textOrNull, toBooleanish } from "./answer-fields";
import { nullableDateSchema } from "./dates";
import { inputFieldToApiField } from "./fields";
import { isValidIban } from "./iban";
import { onboardingSchema, type Onboarding } from "./onboarding";

export const userIdSchema = z.int({ error: "User id must be a whole number." }).positive("User id must be a positive number.");

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label} must be at most ${max} characters.`).optional();

/** A Norwegian account number: 11 digits, optionally grouped as 1234.56.78901 or 1234 56 78901. */
const NORWEGIAN_ACCOUNT = /^\d{4}[. ]?\d{2}[. ]?\d{5}$/;
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

const compact = (value: string) => value.replace(/[\s.]/g, "").toUpperCase();

export const upsertUserInputSchema = z
  .strictObject({
    email: z
      .string({ error: "Email is required." })
      .trim()
      .max(254, "Email must be at most 254 characters.")
      .pipe(z.email({ error: "Email must be a valid email address." })),
    /** The partner's own employee id (an integer); null clears it. */
    internalId: z.int({ error: "Internal id must be a whole number." }).nullable().optional(),
    firstName: optionalText(254, "First name"),
    lastName: optionalText(254, "Last name"),
    address: optionalText(255, "Address"),
    city: optionalText(255, "City"),
    postalCode: optionalText(10, "Postal code"),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9]{4,15}$/, "Phone must be 4 to 15 digits, without spaces or a + sign.")
      .optional(),
    mainWork: z.boolean().optional(),
    note: optionalText(4096, "Note"),
    bankAccountNumber: z
      .string()
      .trim()
      .regex(NORWEGIAN_ACCOUNT, "Account number must be a Norwegian account number (11 digits).")
      .transform((value) => value.replace(/[. ]/g, ""))
      .optional(),
    bankIban: z.string().transform(compact).refine(isValidIban, "IBAN is not valid.").optional(),
    bankBic: z
      .string()
      .transform(compact)
      .refine((value) => BIC.test(value), "BIC must be 8 or 11 letters and digits.")
      .optional(),
  })
  // The contract: a Norwegian account, or an IBAN with its BIC; never both, never half of the pair.
  .superRefine((value, ctx) => {
    const hasAccount = value.bankAccountNumber !== undefined;
    const hasIban = value.bankIban !== undefined;
    const hasBic = value.bankBic !== undefined;
    if (hasAccount && (hasIban || hasBic)) {
      const message = "Give either a Norwegian account number or an IBAN with BIC, not both.";
      ctx.addIssue({ code: "custom", path: ["bankAccountNumber"], message });
      if (hasIban) ctx.addIssue({ code: "custom", path: ["bankIban"], message });
      if (hasBic) ctx.addIssue({ code: "custom", path: ["bankBic"], message });
      return;
    }
    if (hasIban && !hasBic) ctx.addIssue({ code: "custom", path: ["bankBic"], message: "BIC is required together with IBAN." });
    if (hasBic && !hasIban) ctx.addIssue({ code: "custom", path: ["bankIban"], message: "IBAN is required together with BIC." });
  });
export type UpsertUserInput = z.input<typeof upsertUserInputSchema>;

/** The body in the API's shape, with only the fields the caller gave. */
export function toUpsertUserBody(input: z.output<typeof upsertUserInputSchema>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) body[inputFieldToApiField(key)] = value;
  }
  return body;
}

export interface EasyFreelanceUser {
  id: number;
  email: string;
  /** The partner's employee id; EasyFreelance returns it as a string. */
  internalId: string | null;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  phone: string | null;
  /** From "true"/"false" (or a boolean); null when absent or unreadable. */
  mainWork: boolean | null;
  note: string | null;
  bankAccountNumber: string | null;
  bankIban: string | null;
  bankBic: string | null;
  onboarding: Onboarding | null;
  createdAt: Date | null;
}

export const userResponseSchema = z
  .object({
    id: numericIdSchema,
    email: z.string({ error: "Expected the user's email." }),
    internal_id: textOrNull,
    name: textOrNull,
    first_name: textOrNull,
    last_name: textOrNull,
    address: textOrNull,
    city: textOrNull,
    postal_code: textOrNull,
    phone: textOrNull,
    main_work: z.unknown().transform((v) => (v === null || v === undefined ? null : toBooleanish(v))),
    note: textOrNull,
    bank_account_number: textOrNull,
    bank_iban_number: textOrNull,
    bank_bic_number: textOrNull,
    onboarding: onboardingSchema,
    created_at: nullableDateSchema,
  })
  .transform((r): EasyFreelanceUser => ({
    id: r.id,
    email: r.email,
    internalId: r.internal_id,
    name: r.name,
    firstName: r.first_name,
    lastName: r.last_name,
    address: r.address,
    city: r.city,
    postalCode: r.postal_code,
    phone: r.phone,
    mainWork: r.main_work,
    note: r.note,
    bankAccountNumber: r.bank_account_number,
    bankIban: r.bank_iban_number,
    bankBic: r.bank_bic_number,
    onboarding: r.onboarding,
    createdAt: r.created_at,
  }));
