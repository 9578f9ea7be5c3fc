// POST /verification-return-urls, and the return URL every flow start names.
import { z } from "zod";
import { numericIdSchema, optionalInfo, stringIdSchema } from "./answer-fields";
import { nullableDateSchema } from "./dates";

/** http(s) only: production requires https, EasyFreelance's test mode accepts http. */
export const returnUrlSchema = z
  .string({ error: "Return URL is required." })
  .trim()
  .min(1, "Return URL is required.")
  .max(2048, "Return URL must be at most 2048 characters.")
  .pipe(z.url({ protocol: /^https?$/, error: "Return URL must be an absolute http(s) URL." }));

export const registerReturnUrlInputSchema = z.strictObject({ returnUrl: returnUrlSchema });
export type RegisterReturnUrlInput = z.input<typeof registerReturnUrlInputSchema>;

export function toRegisterReturnUrlBody(input: z.output<typeof registerReturnUrlInputSchema>): Record<string, unknown> {
  return { partner_return_url: input.returnUrl };
}

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
    // Only some API versions send these: absent stays absent rather than undefined-valued.
    if (r.normalized_host !== undefined) registration.normalizedHost = r.normalized_host;
    if (r.normalized_scheme !== undefined) registration.normalizedScheme = r.normalized_scheme;
    if (r.normalized_path_prefix !== undefined) registration.normalizedPathPrefix = r.normalized_path_prefix;
    return registration;
  });
