/** A JSON-style object: not null, not an array. What a parsed body or an untyped field must be to be read by key. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
