// GET /verification/status/{verificationSession}: the only source of a verification's result.
import { z } from "zod";
import { numericIdSchema, providerSchema, statusSchema, stringIdSchema } from "./answer-fields";
import { nullableDateSchema } from "./dates";
import { onboardingSchema, type Onboarding } from "./onboarding";
import {
  readIdType,
  readNextAction,
  readProvider,
  readStatus,
  type IdType,
  type NextAction,
  type Provider,
  type VerificationStatus,
} from "./vocabulary";

// EasyFreelance's ids are UUIDs; anything with "/", ".", "%" or spaces is refused before it is put into a
// path (encoding alone would still let "..", or an id the API never issued, through).
export const VERIFICATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export const verificationIdSchema = z
  .string({ error: "Verification id is required." })
  .trim()
  .min(1, "Verification id is required.")
  .max(128, "Verification id is too long.")
  .regex(VERIFICATION_ID_PATTERN, "Verification id must be letters, digits, - and _ only.");

/** What the portal knows about the session it asks about: an answer naming anything else is refused. */
export interface ExpectedStatusSubject {
  userId?: number | null;
  provider?: "veriff" | "bankid" | null;
  idType?: "local" | "international" | null;
}

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
  .transform((r): ParsedVerificationStatus => ({
    verificationId: r.verification_id ?? null,
    userId: r.user_id ?? null,
    provider: readProvider(r.provider),
    rawProvider: r.provider,
    idType: readIdType(r.id_type ?? null),
    rawIdType: r.id_type ?? null,
    status: readStatus(r.status),
    rawStatus: r.status,
    completedAt: r.completed_at,
    nextAction: readNextAction(r.next_action ?? null),
    rawNextAction: r.next_action ?? null,
    onboarding: r.onboarding,
  }));
