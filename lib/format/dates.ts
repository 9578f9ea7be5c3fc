// The portal's one set of date formats: British English, fixed to Norway's time zone so the server's
// render and the browser's agree. Shared by server and client code.
const zone = "Europe/Oslo";
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: zone });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: zone });

const FORMATS = { date, dateTime, dateTimeSeconds } as const;
export type DateFormat = keyof typeof FORMATS;

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** "26 Nov 2026" (`date`), "26 Nov 2026, 14:05" (`dateTime`, the default) or with seconds (`dateTimeSeconds`). */
export function formatDate(value: Date | string, format: DateFormat = "dateTime"): string {
  return FORMATS[format].format(toDate(value));
}
