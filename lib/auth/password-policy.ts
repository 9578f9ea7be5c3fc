import { z } from "zod";
import { staffRoleSchema } from "@/lib/forms/enums";

// The strength rule for passwords set by an admin: long beats complex, but refuse the obvious.
export const PASSWORD_RULE = "At least 12 characters, with letters and at least one digit or symbol, not containing the email.";

export function passwordProblem(password: string, email: string): string | null {
  if (password.length < 12) return "Use at least 12 characters.";
  if (password.length > 200) return "Use at most 200 characters.";
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) return "Use letters and at least one digit or symbol.";
  if (new Set(password).size < 6) return "Use more different characters.";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) return "Do not use the email in the password.";
  return null;
}

export const newStaffSchema = z
  .object({
    email: z
      .email("Enter a valid email address.")
      .max(254)
      .transform((value) => value.toLowerCase()),
    name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
    role: staffRoleSchema,
    password: z.string().max(200, "Use at most 200 characters."),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value.email);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
