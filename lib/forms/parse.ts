// Parsing a submitted form on the server, and its messages in the user's language.
//
// A schema's messages are catalogue keys of the `formErrors` namespace ("chooseProvider"), never sentences;
// zod's own messages (a rule without one of ours) become keys too (fallbackKeys). The server turns them into
// the request's language when it answers (fieldErrorsOf, with the issue's bounds as {min}/{max}), so forms
// render the strings they get and no form needs the namespace. A message that is not a `formErrors` key passes
// through unchanged (sentences already translated, and the Staff and Account forms' own keys, which those
// forms translate).
import "server-only";
import { z } from "zod";
import { catalogue } from "@/lib/i18n/catalogue";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { formValues, type FieldErrors, type FormFailure } from "./result";
import { safeParseForm } from "./zod-keys";

export { safeParseForm };

/** The failure's sentence when fields are highlighted, in `locale`. */
export function checkFields(locale: Locale): string {
  return translator(locale, "formErrors")("checkFields");
}

type FormErrorKey = keyof ReturnType<typeof catalogue>["formErrors"];

function isFormErrorKey(message: string): message is FormErrorKey {
  return Object.hasOwn(catalogue("en").formErrors, message);
}

/** A field message in `locale`: a `formErrors` key with the issue's bounds, or the text as it is. */
export function sayFieldMessage(message: string, locale: Locale, bounds: { min?: number; max?: number } = {}): string {
  if (!isFormErrorKey(message)) return message;
  const values: Record<string, number> = {};
  if (bounds.min !== undefined) values.min = bounds.min;
  if (bounds.max !== undefined) values.max = bounds.max;
  return translator(locale, "formErrors")(message, values);
}

function bound(value: unknown): number | undefined {
  return typeof value === "number" || typeof value === "bigint" ? Number(value) : undefined;
}

/** Field errors keyed by the form's field names (the first step of each issue's path), in `locale`. */
export function fieldErrorsOf(error: z.ZodError, locale: Locale = "en"): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "";
    // Whole-form issues (no path) have no field to sit next to; flattenError kept them apart too.
    if (!field) continue;
    const bounds = { min: bound("minimum" in issue ? issue.minimum : undefined), max: bound("maximum" in issue ? issue.maximum : undefined) };
    (errors[field] ??= []).push(sayFieldMessage(issue.message, locale, bounds));
  }
  return errors;
}

/** Parses a submitted form with `schema`; a failure already carries the field errors (in `locale`) and the typed values. */
export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
  locale: Locale = "en",
): { ok: true; data: z.output<Schema> } | FormFailure {
  const parsed = safeParseForm(schema, Object.fromEntries(formData));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, error: checkFields(locale), fieldErrors: fieldErrorsOf(parsed.error, locale), values: formValues(formData) };
}

