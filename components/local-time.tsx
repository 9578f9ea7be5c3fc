import { formatDate, type DateFormat } from "@/lib/format/dates";

/** A <time> in the portal's one date format (lib/format/dates.ts); renders the same on server and client. */
export function LocalTime({ value, format }: { value: Date | string; format?: DateFormat }) {
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{formatDate(date, format)}</time>;
}
