// Tolerant readers of single fields in EasyFreelance's answers: the docs disagree on types (ids are
// strings in one place and integers in another, booleans arrive as "true"), so both are accepted.
import { z } from "zod";

/** An integer id sent as a number or a numeric string. */
export const numericIdSchema = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, "Expected a numeric id.")], { error: "Expected a numeric id." })
  .transform(Number)
  .pipe(z.int({ error: "Expected a numeric id." }).nonnegative());

/** An opaque id sent as a string or a number; kept as a string. */
export const stringIdSchema = z.union([z.string().trim().min(1), z.number()], { error: "Expected an id." }).transform(String);

/** Optional text that may come as a string or a number; missing or null -> null. */
export const textOrNull = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** Informational text: missing or null -> undefined (the field is then left out). */
export const optionalInfo = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** true/false, 1/0, "true"/"false", "1"/"0" and "" (false); anything else -> null. */
export function toBooleanish(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const v = value.trim().toLowerCase();
    if (v === "true" || v === "1") return true;
    if (v === "false" || v === "0" || v === "") return false;
  }
  return null;
}

/** Kept as sent (see `readStatus`): an unknown status must stay visible, not fail the answer. */
export const statusSchema = z.string({ error: "Expected a status string." });
export const providerSchema = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** An http(s) URL the user's browser will be sent to: anything else is refused. */
export const browserUrlSchema = z
  .string({ error: "Expected a URL." })
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "Expected an http(s) URL." }));
