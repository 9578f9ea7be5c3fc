// The one form convention. Every form posts to an action through `useActionState`; a failed action answers
// a `FormFailure` with the message, the field errors (zod's `flattenError`) and what the user typed
// (`values`), and the form renders its inputs with `defaultValue={values[name]}`. React resets a form after
// its action, to those defaults: what was typed comes back after a failed submit, and a successful one
// clears the form (or shows the saved values). No client-side validation library: the server decides.
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type FormFailure = {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  /** What the user typed (never a password), for the form to show again. */
  values?: Record<string, string>;
  /** Where to go to resolve it (e.g. the employee who already holds an EasyFreelance id). */
  link?: { href: string; label: string };
};

export type ActionResult<T> = { ok: true; data: T } | FormFailure;

export const CHECK_FIELDS = "Check the highlighted fields.";

// Typed secrets never travel back to the browser.
const SECRET = /password/i;

/** The text fields of a submitted form, without secrets. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !SECRET.test(key) && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

/** Field errors keyed by the form's field names (the first step of each issue's path). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** Parses a submitted form with `schema`; a failure already carries the field errors and the typed values. */
export function parseForm<Schema extends z.ZodType>(schema: Schema, formData: FormData): { ok: true; data: z.output<Schema> } | FormFailure {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, error: CHECK_FIELDS, fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
}

/** What a form shows from its action's last answer: the failure (if any), its values and field errors. */
export function formStateOf<T>(state: ActionResult<T> | null) {
  const failed = state && !state.ok ? state : null;
  return { failed, values: failed?.values ?? {}, errors: failed?.fieldErrors ?? {} };
}
