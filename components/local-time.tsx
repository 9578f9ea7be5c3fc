// Server-rendered, fixed to Norway's time zone so server and browser agree.
const formatter = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Europe/Oslo",
});

export function formatTime(value: Date | string): string {
  return formatter.format(typeof value === "string" ? new Date(value) : value);
}

export function LocalTime({ value }: { value: Date | string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{formatTime(date)}</time>;
}
