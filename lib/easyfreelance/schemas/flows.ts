// POST /users/{id}/verification/flows: starting a Veriff or BankID flow.
import { z } from "zod";
import { browserUrlSchema, providerSchema, statusSchema, stringIdSchema } from "./answer-fields";
import { dateSchema } from "./dates";
import { returnUrlSchema } from "./return-urls";
import { VERIFICATION_ID_PATTERN } from "./status";
import { ID_TYPES, readProvider, readStatus, type Provider, type VerificationStatus } from "./vocabulary";

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

export function toStartFlowBody(input: z.output<typeof startFlowInputSchema>): Record<string, unknown> {
  return input.provider === "veriff"
    ? { provider: "veriff", id_type: input.idType, partner_return_url: input.returnUrl }
    : { provider: "bankid", partner_return_url: input.returnUrl };
}

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
    verification_id: stringIdSchema.pipe(z.string().regex(VERIFICATION_ID_PATTERN, "Expected an id (letters, digits, - and _).")),
    provider: providerSchema,
    status: statusSchema,
    verification_url: browserUrlSchema,
    status_check_url: z.string().nullish(),
    expires_at: dateSchema,
  })
  .transform((r): FlowCreated => ({
    verificationId: r.verification_id,
    provider: readProvider(r.provider),
    rawProvider: r.provider,
    status: readStatus(r.status),
    rawStatus: r.status,
    verificationUrl: r.verification_url,
    statusCheckUrl: r.status_check_url ?? null,
    expiresAt: r.expires_at,
  }));
