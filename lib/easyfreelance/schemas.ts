// Schemas of the EasyFreelance partner API (see /work/shared/easyfreelance-api.md), in both
// directions. No I/O and no secrets here, so client components may import the types.
//
// Requests are strict: we only send fields the contract names, validated before anything leaves
// the server. Responses are tolerant: unknown fields are dropped, documented alternatives are both
// accepted, and unknown enum values become an explicit "unknown" (fail closed: never verified).
import { z } from "zod";
import { isPlainObject } from "@/lib/plain-object";

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

export const PROVIDERS = ["veriff", "bankid"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const ID_TYPES = ["local", "international"] as const;
export type IdType = (typeof ID_TYPES)[number];

export const VERIFICATION_STATUSES = ["pending", "approved", "declined", "cancelled", "expired", "error"] as const;
export type KnownVerificationStatus = (typeof VERIFICATION_STATUSES)[number];
/** A session's status; "unknown" = a value the contract does not name (treat as not verified). */
export type VerificationStatus = KnownVerificationStatus | "unknown";

/** Statuses after which EasyFreelance does not change its answer. "unknown" is not terminal. */
export const TERMINAL_STATUSES = ["approved", "declined", "cancelled", "expired", "error"] as const satisfies readonly KnownVerificationStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminalStatus(status: VerificationStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export const NEXT_ACTIONS = ["continue_verification", "redirect_to_partner", "retry", "show_error"] as const;
export type KnownNextAction = (typeof NEXT_ACTIONS)[number];
export type NextAction = KnownNextAction | "unknown";

/** The ID step of onboarding; older API versions called it `entity_verification`. */
export const ID_VERIFICATION_STEP = "id_verification";
const LEGACY_ID_VERIFICATION_STEP = "entity_verification";

// ---------------------------------------------------------------------------------------------
// Field names: our camelCase input fields <-> the API's snake_case body fields
// ---------------------------------------------------------------------------------------------

/** Input fields whose API name is not simply the snake_case of the camelCase name. */
const API_FIELD_OVERRIDES: Record<string, string> = {
  returnUrl: "partner_return_url",
  bankIban: "bank_iban_number",
  bankBic: "bank_bic_number",
};
const INPUT_FIELD_OVERRIDES: Record<string, string> = Object.fromEntries(
  Object.entries(API_FIELD_OVERRIDES).map(([input, api]) => [api, input]),
);

function camelToSnake(segment: string): string {
  return segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
function snakeToCamel(segment: string): string {
  return segment.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `bankIban` -> `bank_iban_number`, `returnUrl` -> `partner_return_url`, `firstName` -> `first_name`. */
export function inputFieldToApiField(field: string): string {
  return field
    .split(".")
    .map((segment) => API_FIELD_OVERRIDES[segment] ?? camelToSnake(segment))
    .join(".");
}

/** `partner_return_url` -> `returnUrl`, `bank_bic_number` -> `bankBic`, `first_name` -> `firstName`. */
export function apiFieldToInputField(field: string): string {
  return field
    .split(".")
    .map((segment) => INPUT_FIELD_OVERRIDES[segment] ?? snakeToCamel(segment))
    .join(".");
}

// ---------------------------------------------------------------------------------------------
// Requests (strict)
// ---------------------------------------------------------------------------------------------

/** http(s) only: production requires https, EasyFreelance's test mode accepts http. */
export const returnUrlSchema = z
  .string({ error: "Return URL is required." })
  .trim()
  .min(1, "Return URL is required.")
  .max(2048, "Return URL must be at most 2048 characters.")
  .pipe(z.url({ protocol: /^https?$/, error: "Return URL must be an absolute http(s) URL." }));

export const startFlowInputSchema = z.discriminatedUnion(
  "provider",
  [
    z.strictObject({
      provider: z.literal("veriff"),
      idType: z.enum(ID_TYPES, { error: 'ID type must be "local" or "international".' }),
      returnUrl: returnUrlSchema,
    }),
    // BankID never sends id_type: an idType here is rejected as an unrecognised key.
    z.strictObject({
      provider: z.literal("bankid"),
      returnUrl: returnUrlSchema,
    }),
  ],
  { error: 'Provider must be "veriff" or "bankid".' },
);
export type StartFlowInput = z.input<typeof startFlowInputSchema>;

export const registerReturnUrlInputSchema = z.strictObject({ returnUrl: returnUrlSchema });
export type RegisterReturnUrlInput = z.input<typeof registerReturnUrlInputSchema>;

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`).optional();

/** A Norwegian account number: 11 digits, optionally grouped as 1234.56.78901 or 1234 56 78901. */
const NORWEGIAN_ACCOUNT = /^\d{4}[. ]?\d{2}[. ]?\d{5}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

function ibanChecksumValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

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
    bankIban: z
      .string()
      .transform(compact)
      .refine((value) => IBAN.test(value) && ibanChecksumValid(value), "IBAN is not valid.")
      .optional(),
    bankBic: z
      .string()
      .transform(compact)
      .refine((value) => BIC.test(value), "BIC must be 8 or 11 letters and digits.")
      .optional(),
  })
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

export const userIdSchema = z
  .int({ error: "User id must be a whole number." })
  .positive("User id must be a positive number.");

export const verificationIdSchema = z
  .string({ error: "Verification id is required." })
  .trim()
  .min(1, "Verification id is required.")
  .max(255, "Verification id is too long.");

// Request bodies in the API's shape (only the fields we mean to send).

export function toStartFlowBody(input: z.output<typeof startFlowInputSchema>): Record<string, unknown> {
  return input.provider === "veriff"
    ? { provider: "veriff", id_type: input.idType, partner_return_url: input.returnUrl }
    : { provider: "bankid", partner_return_url: input.returnUrl };
}

export function toRegisterReturnUrlBody(input: z.output<typeof registerReturnUrlInputSchema>): Record<string, unknown> {
  return { partner_return_url: input.returnUrl };
}

export function toUpsertUserBody(input: z.output<typeof upsertUserInputSchema>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) body[inputFieldToApiField(key)] = value;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Responses (tolerant)
// ---------------------------------------------------------------------------------------------

const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO-8601 date (also Laravel's `2024-05-01 12:00:00` and microsecond fractions).
 * A time without a zone is read as UTC (Laravel's default). Returns null when unreadable.
 */
export function parseApiDate(value: string): Date | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, day, hm, seconds, fraction, zone] = match;
  if (!hm) {
    const date = new Date(`${day}T00:00:00.000Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : date;
  }
  const ms = (fraction ?? "").padEnd(3, "0").slice(0, 3);
  let offset = "Z";
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${(digits.slice(2) || "00").padEnd(2, "0")}`;
  }
  const date = new Date(`${day}T${hm}:${seconds ?? "00"}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateSchema = z.string({ error: "Expected an ISO-8601 date string." }).transform((value, ctx) => {
  const date = parseApiDate(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "Expected an ISO-8601 date." });
    return z.NEVER;
  }
  return date;
});
/** A documented-nullable date: missing or null -> null; present but unreadable -> schema error. */
const nullableDateSchema = dateSchema.nullish().transform((value) => value ?? null);

/** An integer id sent as a number or a numeric string. */
const numericIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, "Expected a numeric id.")], { error: "Expected a numeric id." })
  .transform(Number)
  .pipe(z.int({ error: "Expected a numeric id." }).nonnegative());

/** An opaque id sent as a string or a number; kept as a string. */
const stringIdSchema = z
  .union([z.string().trim().min(1), z.number()], { error: "Expected an id." })
  .transform(String);

/** Optional text that may come as a string or a number; missing or null -> null. */
const textOrNull = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

function toBooleanish(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (v === "true" || v === "1") return true;
    if (v === "false" || v === "0" || v === "") return false;
  }
  return null;
}

function normalizeStepName(step: string): string {
  return step === LEGACY_ID_VERIFICATION_STEP ? ID_VERIFICATION_STEP : step;
}

export interface Onboarding {
  /** Step -> done. The ID step is always `id_verification` (mapped from `entity_verification`). */
  steps: Record<string, boolean>;
  /** The ID step, or null when EasyFreelance did not report it. */
  idVerified: boolean | null;
  missingSteps: string[];
  /** True only when EasyFreelance says so and lists no missing step (fail closed). */
  isOnboarded: boolean;
  statusVersion: string | number | null;
  evaluatedAt: Date | null;
}

/**
 * The onboarding block is informational and best effort: it never makes a response unreadable.
 * An object, a JSON string of one, or null are accepted; anything else reads as null (unknown,
 * which callers must treat as not onboarded). Step values that are not boolean-like read as false.
 */
function normalizeOnboarding(value: unknown): Onboarding | null {
  let raw = value;
  if (typeof raw === "string") {
    if (raw.trim() === "") return null;
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(raw)) return null;

  const steps: Record<string, boolean> = {};
  if (isPlainObject(raw.steps)) {
    for (const [name, done] of Object.entries(raw.steps)) {
      const step = normalizeStepName(name);
      // The current name wins over the legacy one when both are present.
      if (step !== name && Object.hasOwn(raw.steps, step)) continue;
      steps[step] = toBooleanish(done) ?? false;
    }
  }

  // PHP serialises a filtered array as an object ({"1": "terms"}): accept its values too.
  const missingSource = Array.isArray(raw.missing_steps)
    ? raw.missing_steps
    : isPlainObject(raw.missing_steps)
      ? Object.values(raw.missing_steps)
      : [];
  const missingSteps = [
    ...new Set(missingSource.filter((s): s is string => typeof s === "string").map(normalizeStepName)),
  ];

  const statusVersion =
    typeof raw.status_version === "string" || typeof raw.status_version === "number" ? raw.status_version : null;
  const evaluatedAt = typeof raw.evaluated_at === "string" ? parseApiDate(raw.evaluated_at) : null;

  return {
    steps,
    idVerified: Object.hasOwn(steps, ID_VERIFICATION_STEP) ? steps[ID_VERIFICATION_STEP] : null,
    missingSteps,
    isOnboarded: toBooleanish(raw.is_onboarded) === true && missingSteps.length === 0,
    statusVersion,
    evaluatedAt,
  };
}

export const onboardingSchema = z.unknown().transform(normalizeOnboarding);

function normalizeStatus(raw: string): VerificationStatus {
  const value = raw.trim().toLowerCase();
  return (VERIFICATION_STATUSES as readonly string[]).includes(value) ? (value as KnownVerificationStatus) : "unknown";
}
function normalizeNextAction(raw: string | null): NextAction {
  const value = raw?.trim().toLowerCase() ?? "";
  return (NEXT_ACTIONS as readonly string[]).includes(value) ? (value as KnownNextAction) : "unknown";
}
function normalizeProvider(raw: string | null): Provider | "unknown" {
  const value = raw?.trim().toLowerCase() ?? "";
  return (PROVIDERS as readonly string[]).includes(value) ? (value as Provider) : "unknown";
}
function normalizeIdType(raw: string | null): IdType | null {
  const value = raw?.trim().toLowerCase() ?? "";
  return (ID_TYPES as readonly string[]).includes(value) ? (value as IdType) : null;
}

const statusSchema = z.string({ error: "Expected a status string." });
const providerSchema = z.string().nullish().transform((v) => v ?? null);

/** An http(s) URL the user's browser will be sent to: anything else is refused. */
const browserUrlSchema = z.string({ error: "Expected a URL." }).trim().pipe(z.url({ protocol: /^https?$/, error: "Expected an http(s) URL." }));

export interface FlowCreated {
  verificationId: string;
  /** "unknown" when absent or unrecognised (see rawProvider). */
  provider: Provider | "unknown";
  rawProvider: string | null;
  status: VerificationStatus;
  rawStatus: string;
  verificationUrl: string;
  statusCheckUrl: string | null;
  expiresAt: Date;
}

export const flowCreatedResponseSchema = z
  .object({
    verification_id: stringIdSchema,
    provider: providerSchema,
    status: statusSchema,
    verification_url: browserUrlSchema,
    status_check_url: z.string().nullish(),
    expires_at: dateSchema,
  })
  .transform(
    (r): FlowCreated => ({
      verificationId: r.verification_id,
      provider: normalizeProvider(r.provider),
      rawProvider: r.provider,
      status: normalizeStatus(r.status),
      rawStatus: r.status,
      verificationUrl: r.verification_url,
      statusCheckUrl: r.status_check_url ?? null,
      expiresAt: r.expires_at,
    }),
  );

export interface VerificationStatusResult {
  verificationId: string;
  userId: number | null;
  provider: Provider | "unknown";
  rawProvider: string | null;
  idType: IdType | null;
  rawIdType: string | null;
  status: VerificationStatus;
  rawStatus: string;
  completedAt: Date | null;
  nextAction: NextAction;
  /** Null when EasyFreelance sent no next_action (nextAction is then "unknown"). */
  rawNextAction: string | null;
  onboarding: Onboarding | null;
}

/** The parsed answer before the client fills in an omitted verification_id with the one it asked for. */
export type ParsedVerificationStatus = Omit<VerificationStatusResult, "verificationId"> & { verificationId: string | null };

export const verificationStatusResponseSchema = z
  .object({
    verification_id: stringIdSchema.nullish(),
    user_id: numericIdSchema.nullish(),
    provider: providerSchema,
    id_type: z.string().nullish(),
    status: statusSchema,
    completed_at: nullableDateSchema,
    next_action: z.string().nullish(),
    onboarding: onboardingSchema,
  })
  .transform(
    (r): ParsedVerificationStatus => ({
      verificationId: r.verification_id ?? null,
      userId: r.user_id ?? null,
      provider: normalizeProvider(r.provider),
      rawProvider: r.provider,
      idType: normalizeIdType(r.id_type ?? null),
      rawIdType: r.id_type ?? null,
      status: normalizeStatus(r.status),
      rawStatus: r.status,
      completedAt: r.completed_at,
      nextAction: normalizeNextAction(r.next_action ?? null),
      rawNextAction: r.next_action ?? null,
      onboarding: r.onboarding,
    }),
  );

export interface ReturnUrlRegistration {
  id: string;
  partnerId: number | null;
  /** The approval state as EasyFreelance sent it (values are not published; "unknown" if absent). */
  status: string;
  requestedUrl: string;
  requestedAt: Date | null;
  normalizedHost?: string;
  normalizedScheme?: string;
  normalizedPathPrefix?: string;
}

const optionalInfo = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const returnUrlRegistrationResponseSchema = z
  .object({
    id: stringIdSchema,
    partner_id: numericIdSchema.nullish(),
    status: z.string().nullish(),
    requested_url: z.string({ error: "Expected the requested URL." }),
    requested_at: nullableDateSchema,
    normalized_host: optionalInfo,
    normalized_scheme: optionalInfo,
    normalized_path_prefix: optionalInfo,
  })
  .transform((r): ReturnUrlRegistration => {
    const registration: ReturnUrlRegistration = {
      id: r.id,
      partnerId: r.partner_id ?? null,
      status: r.status ?? "unknown",
      requestedUrl: r.requested_url,
      requestedAt: r.requested_at,
    };
    if (r.normalized_host !== undefined) registration.normalizedHost = r.normalized_host;
    if (r.normalized_scheme !== undefined) registration.normalizedScheme = r.normalized_scheme;
    if (r.normalized_path_prefix !== undefined) registration.normalizedPathPrefix = r.normalized_path_prefix;
    return registration;
  });

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
  .transform(
    (r): EasyFreelanceUser => ({
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
    }),
  );
