// The one form convention. Every form posts to an action through `useActionState`; a failed action answers
// a `FormFailure` with the message, the field errors (by field name) and what the user typed
// (`values`), and the form renders its inputs with `defaultValue={values[name]}`. React resets a form after
// its action, to those defaults: what was typed comes back after a failed submit, and a successful one
// clears the form (or shows the saved values). No client-side validation library: the server decides.
//
// Language: the server answers in the user's language (lib/forms/parse.ts); forms render the strings they get.
// This module is shared with client components: no catalogue here.
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

// Typed secrets never travel back to the browser.
const SECRET = /password/i;

/** The text fields of a submitted form, without secrets. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !SECRET.test(key) && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

/** What a form shows from its action's last answer: the failure (if any), its values and field errors. */
export function formStateOf<T>(state: ActionResult<T> | null) {
  const failed = state && !state.ok ? state : null;
  return { failed, values: failed?.values ?? {}, errors: failed?.fieldErrors ?? {} };
}
