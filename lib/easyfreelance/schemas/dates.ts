import { z } from "zod";

const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO-8601 date (also Laravel's `2024-05-01 12:00:00` and microsecond fractions).
 * A time without a zone is read as UTC (Laravel's default). Returns null when unreadable.
 */
export function parseApiDate(value: string): Date | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [, day, hm, seconds, fraction, zone] = match;
  if (!hm) {
    const date = new Date(`${day}T00:00:00.000Z`);
    return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? null : date;
  }
  const ms = (fraction ?? "").padEnd(3, "0").slice(0, 3);
  let offset = "Z";
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${(digits.slice(2) || "00").padEnd(2, "0")}`;
  }
  const date = new Date(`${day}T${hm}:${seconds ?? "00"}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const dateSchema = z.string({ error: "Expected an ISO-8601 date string." }).transform((value, ctx) => {
  const date = parseApiDate(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "Expected an ISO-8601 date." });
    return z.NEVER;
  }
  return date;
});

/** A documented-nullable date: missing or null -> null; present but unreadable -> schema error. */
export const nullableDateSchema = dateSchema.nullish().transform((value) => value ?? null);
