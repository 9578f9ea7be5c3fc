/** A tiny imitation of Laravel's validator: same messages, same 422 body shape. */

export type FieldErrors = Record<string, string[]>;

export function laravelValidationBody(errors: FieldErrors): { message: string; errors: FieldErrors } {
  const all = Object.values(errors).flat();
  const more = all.length - 1;
  const message = more > 0 ? `${all[0]} (and ${more} more error${more === 1 ? "" : "s"})` : (all[0] ?? "");
  return { message, errors };
}

const label = (field: string) => field.replace(/_/g, " ");

// Laravel's default `email` rule (RFC validation) is lax; this is about as strict.
const EMAIL = /^[^\s@"<>,;()[\]\\]+@[^\s@"<>,;()[\]\\]+$/;

/** Each rule returns true when it passes, so rules chain with && and stop at the first failure per field. */
export class Validator {
  readonly errors: FieldErrors = {};

  constructor(private readonly input: Record<string, unknown>) {}

  value(field: string): unknown {
    return this.input[field];
  }

  present(field: string): boolean {
    const v = this.input[field];
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  }

  fail(field: string, message: string): false {
    (this.errors[field] ??= []).push(message);
    return false;
  }

  ok(field: string): boolean {
    return !this.errors[field];
  }

  get passed(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  required(field: string): boolean {
    return this.present(field) || this.fail(field, `The ${label(field)} field is required.`);
  }

  string(field: string): boolean {
    return typeof this.input[field] === "string" || this.fail(field, `The ${label(field)} field must be a string.`);
  }

  max(field: string, n: number): boolean {
    const v = this.input[field];
    return (typeof v === "string" && [...v].length <= n) || this.fail(field, `The ${label(field)} field must not be greater than ${n} characters.`);
  }

  in(field: string, allowed: readonly string[]): boolean {
    const v = this.input[field];
    return (typeof v === "string" && allowed.includes(v)) || this.fail(field, `The selected ${label(field)} is invalid.`);
  }

  /** Like Laravel, a numeric string such as "42" also passes. */
  integer(field: string): boolean {
    const v = this.input[field];
    const ok = (typeof v === "number" && Number.isSafeInteger(v)) || (typeof v === "string" && /^-?\d{1,15}$/.test(v));
    return ok || this.fail(field, `The ${label(field)} field must be an integer.`);
  }

  boolean(field: string): boolean {
    const v = this.input[field];
    return [true, false, 0, 1, "0", "1"].includes(v as never) || this.fail(field, `The ${label(field)} field must be true or false.`);
  }

  regex(field: string, re: RegExp): boolean {
    const v = this.input[field];
    const text = typeof v === "string" || typeof v === "number" ? String(v) : null;
    return (text !== null && re.test(text)) || this.fail(field, `The ${label(field)} field format is invalid.`);
  }

  email(field: string): boolean {
    const v = this.input[field];
    return (typeof v === "string" && EMAIL.test(v)) || this.fail(field, `The ${label(field)} field must be a valid email address.`);
  }

  /** Optional string field with a maximum length. */
  optionalString(field: string, maxLength: number): void {
    if (this.present(field)) void (this.string(field) && this.max(field, maxLength));
  }
}
