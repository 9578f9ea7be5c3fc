// Structured logs: one JSON line per event, {level, msg, time, requestId?, ...fields}, on stdout (info) or
// stderr (warn, error), where Vercel's runtime logs and any log shipper pick them up. No Node.js-only imports:
// instrumentation.ts may call it on the Edge runtime too.
//
// Never pass secrets in fields. As a second line of defence every line is scrubbed of the configured secret
// values (read raw from the environment: the logger must work even when the configuration is invalid).

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const RESERVED = new Set(["level", "msg", "time", "requestId"]);
const SECRET_SETTINGS = [
  "EASYFREELANCE_TOKEN",
  "EASYFREELANCE_API_KEY",
  "AUTH_SECRET",
  "CRON_SECRET",
  "SSO_OIDC_CLIENT_SECRET",
  "SSO_ENTRA_CLIENT_SECRET",
] as const;
export const REDACTED = "[redacted]";

/** The secret values a log line must never contain: the configured secrets and the database password. */
function secretValues(source: Record<string, string | undefined>): string[] {
  const values: string[] = SECRET_SETTINGS.map((name) => source[name]).filter((value): value is string => !!value && value.length >= 8);
  try {
    // As written in the URL (percent-encoded) and as decoded.
    const raw = source.DATABASE_URL ? new URL(source.DATABASE_URL).password : "";
    for (const password of [raw, decodeURIComponent(raw)]) if (password.length >= 4) values.push(password);
  } catch {
    // Not a URL: lib/env.ts reports it; nothing to redact here.
  }
  return values;
}

function plain(value: unknown): unknown {
  // An Error's name and message, never its stack (JSON.stringify would turn it into {}).
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** One log line (exported for tests). Reserved keys in `fields` cannot overwrite the line's own. */
export function formatLogLine(
  level: LogLevel,
  msg: string,
  fields: LogFields = {},
  options: { time?: Date; requestId?: string | null; env?: Record<string, string | undefined> } = {},
): string {
  const line: Record<string, unknown> = { level, msg, time: (options.time ?? new Date()).toISOString() };
  if (options.requestId) line.requestId = options.requestId;
  for (const [key, value] of Object.entries(fields)) {
    if (!RESERVED.has(key) && value !== undefined) line[key] = plain(value);
  }
  let text: string;
  try {
    text = JSON.stringify(line, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  } catch {
    text = JSON.stringify({ level, msg, time: line.time, requestId: line.requestId, logError: "fields could not be serialised" });
  }
  for (const secret of secretValues(options.env ?? process.env)) {
    // The JSON-escaped form too: a secret with a quote or backslash is written escaped.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) text = text.split(form).join(REDACTED);
  }
  return text;
}

export function writeLogLine(level: LogLevel, msg: string, fields?: LogFields, requestId?: string | null): void {
  const text = formatLogLine(level, msg, fields, { requestId });
  if (level === "info") console.log(text);
  else console.error(text);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** `id` if it is a plain token fit for a log line (a load balancer's id, a UUID), else null. */
export function plainRequestId(id: string | null | undefined): string | null {
  return id && REQUEST_ID.test(id) ? id : null;
}

/**
 * The request id proxy.ts put on the request, when called while serving one (else null). Checked again: the
 * routes the proxy skips (its config.matcher) see the caller's header as sent, if any.
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return plainRequestId((await headers()).get("x-request-id"));
  } catch {
    // Outside a request (scripts, tests, start-up): no id.
    return null;
  }
}

function emit(level: LogLevel, msg: string, fields?: LogFields): void {
  void currentRequestId().then(
    (requestId) => writeLogLine(level, msg, fields, requestId),
    () => writeLogLine(level, msg, fields),
  );
}

export const log = {
  info: (msg: string, fields?: LogFields) => emit("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => emit("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => emit("error", msg, fields),
};
