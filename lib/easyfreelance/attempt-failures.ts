// How one failed attempt becomes an EasyFreelanceError, and whether the attempt may be repeated.
// Built only from redacted, sanitised pieces: never from a request, its headers or a raw body.
import {
  EasyFreelanceError,
  extractFieldErrors,
  extractUpstreamMessage,
  sanitizeUpstreamText,
  type EasyFreelanceErrorKind,
  type EasyFreelanceErrorOptions,
  type EasyFreelanceOperation,
} from "./errors";
import type { Redact } from "./redaction";

/** Whether a failed attempt may be repeated: always (nothing was sent), only for GETs, or never. */
export type RetryRule = "not_sent" | "idempotent" | "never";

export class AttemptFailure {
  constructor(
    readonly error: EasyFreelanceError,
    readonly retry: RetryRule,
    readonly retryAfterMs?: number,
  ) {}
}

export function fail(options: EasyFreelanceErrorOptions, retry: RetryRule = "never", retryAfterMs?: number): AttemptFailure {
  return new AttemptFailure(new EasyFreelanceError(options), retry, retryAfterMs);
}

export function malformed(operation: EasyFreelanceOperation, detail: string, httpStatus: number): AttemptFailure {
  return fail({ kind: "malformed", operation, httpStatus, detail });
}

// --- no answer: the connection failed, timed out or was cut off ------------------------------

/** Failures where the connection never opened, so nothing was sent: safe to repeat even a POST. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** What a low-level failure becomes on an error's `cause`: name, message and code, redacted. */
class EasyFreelanceTransportCause extends Error {
  readonly code?: string;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    if (code) this.code = code;
  }
}

function networkCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown; errors?: unknown } } | null;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  if (typeof e?.code === "string") return e.code;
  // Happy eyeballs: an AggregateError of one failure per address.
  if (Array.isArray(e?.cause?.errors)) {
    const codes = new Set(e.cause.errors.map((x: { code?: unknown }) => x?.code));
    if (codes.size === 1) {
      const [only] = codes;
      if (typeof only === "string") return only;
    }
  }
  return undefined;
}

function transportCause(error: unknown, redact: Redact): EasyFreelanceTransportCause {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  const name = typeof e?.name === "string" ? e.name : "Error";
  const message = typeof e?.message === "string" ? e.message : "request failed";
  const inner = typeof e?.cause?.message === "string" ? ` (${e.cause.message})` : "";
  return new EasyFreelanceTransportCause(name, sanitizeUpstreamText(`${message}${inner}`, redact) ?? "request failed", networkCode(error));
}

/** The request may have arrived: only a GET may be repeated. */
export function timeoutFailure(operation: EasyFreelanceOperation, timeoutMs: number): AttemptFailure {
  return fail({ kind: "timeout", operation, timeoutMs, detail: `no answer within ${timeoutMs} ms` }, "idempotent");
}

/** fetch threw: safe to repeat even a POST when the connection never opened, otherwise only a GET. */
export function networkFailure(operation: EasyFreelanceOperation, error: unknown, redact: Redact): AttemptFailure {
  const cause = transportCause(error, redact);
  const notSent = cause.code !== undefined && NOT_SENT_CODES.has(cause.code);
  return fail(
    { kind: "network", operation, cause, detail: cause.code ? `${cause.code}${notSent ? ", nothing sent" : ""}` : cause.message },
    notSent ? "not_sent" : "idempotent",
  );
}

/** The answer was cut off: the request was received, so only a GET may be repeated. */
export function cutOffFailure(operation: EasyFreelanceOperation, error: unknown, redact: Redact): AttemptFailure {
  return fail({ kind: "network", operation, cause: transportCause(error, redact), detail: "answer cut off" }, "idempotent");
}

// --- an HTTP answer that is not a success ----------------------------------------------------

/** A redirect (or an opaque one, status 0): Laravel's answer to rejected credentials without JSON. */
export function redirectFailure(operation: EasyFreelanceOperation, status: number): AttemptFailure {
  return fail({
    kind: "unauthorized",
    operation,
    httpStatus: status || undefined,
    detail: "EasyFreelance redirected instead of answering with JSON (typical of rejected credentials)",
  });
}

/** HTTP answers after which a GET is repeated. */
const RETRYABLE_GET_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Retry-After in seconds or as an HTTP date, in ms from now. */
function parseRetryAfterMs(header: string | null, now: () => number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

export function httpFailure(operation: EasyFreelanceOperation, response: Response, text: string, redact: Redact, now: () => number): AttemptFailure {
  const status = response.status;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined; // HTML or plain text: never kept, never shown.
  }
  const upstreamMessage = extractUpstreamMessage(body, redact);
  const common = { operation, httpStatus: status, upstreamMessage } as const;
  const kindFor = (kind: EasyFreelanceErrorKind) => ({ ...common, kind });

  if (status === 401) return fail(kindFor("unauthorized"));
  if (status === 403) return fail(kindFor("forbidden"));
  if (status === 404) return fail(kindFor("not_found"));
  if (status === 422) return fail({ ...kindFor("validation"), fieldErrors: extractFieldErrors(body, redact) });

  const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), now);
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  const retry: RetryRule = RETRYABLE_GET_STATUSES.has(status) ? "idempotent" : "never";
  if (status === 429) return fail({ ...kindFor("rate_limited"), retryAfterSeconds }, retry, retryAfterMs);
  if (status >= 500) {
    // A 5xx body may be an HTML page or a debug trace: its message is kept for developers only.
    return fail({ ...kindFor("upstream"), retryAfterSeconds }, retry, retryAfterMs);
  }
  return fail(kindFor("upstream"));
}
