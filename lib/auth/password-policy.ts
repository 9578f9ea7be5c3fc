import { z } from "zod";
import { staffRoleSchema } from "@/lib/forms/enums";

// The strength rule for every staff password (set by an admin, by `npm run admin:create` or by the user on
// the Account page): long beats complex, but refuse the obvious. Problems are keys: the forms translate them
// (catalogue namespace `account`, `passwordProblems.*`), the CLI prints the English of PASSWORD_MESSAGES.
export const PASSWORD_MESSAGES = {
  tooShort: "Use at least 12 characters.",
  tooLong: "Use at most 200 characters.",
  lettersAndDigit: "Use letters and at least one digit or symbol.",
  moreVariety: "Use more different characters.",
  containsEmail: "Do not use the email in the password.",
} as const;
export type PasswordProblem = keyof typeof PASSWORD_MESSAGES;

export const PASSWORD_RULE = "At least 12 characters, with letters and at least one digit or symbol, not containing the email.";

export function passwordProblemKey(password: string, email: string): PasswordProblem | null {
  if (password.length < 12) return "tooShort";
  if (password.length > 200) return "tooLong";
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) return "lettersAndDigit";
  if (new Set(password).size < 6) return "moreVariety";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) return "containsEmail";
  return null;
}

/** The problem in English (the CLI's wording), or null. */
export function passwordProblem(password: string, email: string): string | null {
  const key = passwordProblemKey(password, email);
  return key && PASSWORD_MESSAGES[key];
}

const STAFF_MESSAGES = {
  invalidEmail: "Enter a valid email address.",
  enterName: "Enter a name.",
  nameTooLong: "Use at most 120 characters.",
  ...PASSWORD_MESSAGES,
} as const;
export type StaffFormMessage = keyof typeof STAFF_MESSAGES;

function staffSchema(message: (key: StaffFormMessage) => string) {
  return z
    .object({
      email: z
        .email(message("invalidEmail"))
        .max(254)
        .transform((value) => value.toLowerCase()),
      name: z.string().trim().min(1, message("enterName")).max(120, message("nameTooLong")),
      role: staffRoleSchema,
      password: z.string().max(200, message("tooLong")),
    })
    .superRefine((value, ctx) => {
      const problem = passwordProblemKey(value.password, value.email);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: message(problem) });
    });
}

/** A new staff member, with English messages (`npm run admin:create`). */
export const newStaffSchema = staffSchema((key) => STAFF_MESSAGES[key]);
/** The same rules for the Staff page, with message keys its form translates (namespace `staff`, `errors.*`). */
export const newStaffFormSchema = staffSchema((key) => key);
