import { useLocale } from "next-intl";
import { formatDate, type DateFormat } from "@/lib/format/dates";

/** A <time> in the portal's date format and the page's language; renders the same on server and client. */
export function LocalTime({ value, format }: { value: Date | string; format?: DateFormat }) {
  const locale = useLocale();
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{formatDate(date, format, locale)}</time>;
}
