// Local validation before anything is sent. Failures use the API's field names, like a 422 does,
// so callers handle both the same way.
import type { z } from "zod";
import { EasyFreelanceError, type EasyFreelanceOperation } from "./errors";
import { inputFieldToApiField } from "./schemas/fields";

/** The parsed input, or an EasyFreelanceError (validation, no httpStatus: nothing was sent). */
export function validateInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  operation: EasyFreelanceOperation,
  /** Reports every issue under this API field (for a bare value such as a path parameter). */
  field?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  const add = (key: string, message: string) => {
    (fieldErrors[key] ??= []).push(message);
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(inputFieldToApiField([...issue.path.map(String), key].join(".")), "This field is not accepted.");
      continue;
    }
    const path = issue.path.map(String).join(".");
    add(field ?? (path ? inputFieldToApiField(path) : "input"), issue.message);
  }
  throw new EasyFreelanceError({
    kind: "validation",
    operation,
    fieldErrors,
    detail: `not sent, invalid input (${Object.keys(fieldErrors).join(", ")})`,
  });
}
