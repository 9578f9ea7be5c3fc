// zod's own messages as `formErrors` keys, so every message of a parsed form is a key (lib/forms/parse.ts
// says them in the user's language). No catalogue and no server-only code: schema modules that client
// components import constants from (lib/employees/form.ts) use it too.
import type { z } from "zod";

/** zod's own issues, as keys: a bound for lengths, "required" for a missing value, otherwise "not valid". */
const fallbackKeys: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "too_big") return "maxLength";
  if (issue.code === "too_small") return issue.minimum === 1 ? "required" : "minLength";
  if (issue.code === "invalid_type" && issue.input === undefined) return "required";
  return "invalid";
};

/** safeParse whose every message is a `formErrors` key (ours, or zod's own turned into one). */
export function safeParseForm<Schema extends z.ZodType>(schema: Schema, data: unknown) {
  return schema.safeParse(data, { error: fallbackKeys });
}
