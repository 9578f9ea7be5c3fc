// The portal's one set of date formats, fixed to Norway's time zone so the server's render and the browser's
// agree, in the page's language (Norwegian: "26. nov. 2026, 14:05"; English: "26 Nov 2026, 14:05").
// Shared by server and client code.
import { TIME_ZONE, type Locale } from "@/lib/i18n/locales";

/** The Intl tag for each portal language: British English (day before month), Norwegian bokmål. */
export const INTL_TAG: Record<Locale, string> = { nb: "nb-NO", en: "en-GB" };

export const DATE_FORMATS = {
  date: { dateStyle: "medium", timeZone: TIME_ZONE },
  dateTime: { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE },
  dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium", timeZone: TIME_ZONE },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateFormat = keyof typeof DATE_FORMATS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, format: DateFormat): Intl.DateTimeFormat {
  const key = `${locale}:${format}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new Intl.DateTimeFormat(INTL_TAG[locale], DATE_FORMATS[format])));
  return cached;
}

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** `date`, `dateTime` (the default) or `dateTimeSeconds`, in the given language (English when not given). */
export function formatDate(value: Date | string, format: DateFormat = "dateTime", locale: Locale = "en"): string {
  return formatter(locale, format).format(toDate(value));
}
