// The one error family of the EasyFreelance client. Everything on an EasyFreelanceError is safe to
// log and (safeMessage) to show: no secret, no raw response body, no HTML, no request object.
import { isPlainObject } from "@/lib/plain-object";
import { translator } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { apiFieldToInputField } from "./schemas/fields";

export const EASYFREELANCE_ERROR_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "validation",
  "rate_limited",
  "upstream",
  "timeout",
  "network",
  "malformed",
] as const;
export type EasyFreelanceErrorKind = (typeof EASYFREELANCE_ERROR_KINDS)[number];

export type EasyFreelanceOperation = "startFlow" | "getStatus" | "registerReturnUrl" | "upsertUser" | "getUser";

const POST_OPERATIONS: ReadonlySet<EasyFreelanceOperation> = new Set(["startFlow", "registerReturnUrl", "upsertUser"]);

export interface EasyFreelanceErrorOptions {
  kind: EasyFreelanceErrorKind;
  operation: EasyFreelanceOperation;
  /** The HTTP status EasyFreelance answered with; absent when no answer (or not sent at all). */
  httpStatus?: number;
  /** Field errors keyed by the API's (snake_case) field names. */
  fieldErrors?: Record<string, string[]>;
  retryAfterSeconds?: number;
  /** The portal held the call back itself (its share of EasyFreelance's rate limit is spent): nothing was sent. */
  budgetSpent?: boolean;
  /** Already sanitised text (see sanitizeUpstreamText). */
  upstreamMessage?: string;
  /** Overrides the default user-facing sentence for the kind. */
  safeMessage?: string;
  /** Extra developer detail for `message` (must be safe: composed by us, never from the body). */
  detail?: string;
  /** The per-attempt timeout, for the timeout message. */
  timeoutMs?: number;
  /** Must never hold a request, headers or a raw body: use a sanitised Error. */
  cause?: unknown;
}

export class EasyFreelanceError extends Error {
  override readonly name = "EasyFreelanceError";
  readonly kind: EasyFreelanceErrorKind;
  readonly operation: EasyFreelanceOperation;
  readonly httpStatus?: number;
  /** 422 `errors` as EasyFreelance keyed them (snake_case); local validation uses the same names. */
  readonly fieldErrors?: Record<string, string[]>;
  readonly retryAfterSeconds?: number;
  /** The portal held the call back itself (see EasyFreelanceErrorOptions): nothing reached EasyFreelance. */
  readonly budgetSpent?: boolean;
  /** The first of `errors` (first field error), `message`, `error`; trimmed, ≤ 300 chars, never HTML. */
  readonly upstreamMessage?: string;
  /** One sentence for a user, in English (logs, stored reasons): what happened and what to do. */
  readonly safeMessage: string;
  /** The same sentence as a catalogue key, to say it in the reader's language; absent when `safeMessage` was given. */
  readonly safeText?: SafeMessageText;

  constructor(options: EasyFreelanceErrorOptions) {
    super(developerMessage(options), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.operation = options.operation;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.fieldErrors !== undefined) this.fieldErrors = options.fieldErrors;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    if (options.budgetSpent) this.budgetSpent = true;
    if (options.upstreamMessage !== undefined) this.upstreamMessage = options.upstreamMessage;
    if (options.safeMessage === undefined) this.safeText = safeMessageText(options);
    this.safeMessage = options.safeMessage ?? defaultSafeMessage(options);
  }

  /** fieldErrors keyed by our camelCase input fields (`partner_return_url` -> `returnUrl`), for forms. */
  get inputFieldErrors(): Record<string, string[]> | undefined {
    return this.fieldErrors ? toInputFieldErrors(this.fieldErrors) : undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      operation: this.operation,
      httpStatus: this.httpStatus,
      fieldErrors: this.fieldErrors,
      retryAfterSeconds: this.retryAfterSeconds,
      budgetSpent: this.budgetSpent,
      upstreamMessage: this.upstreamMessage,
      safeMessage: this.safeMessage,
      message: this.message,
    };
  }
}

export function isEasyFreelanceError(error: unknown): error is EasyFreelanceError {
  return error instanceof EasyFreelanceError;
}

/**
 * Whether EasyFreelance answered with a redirect (3xx). Laravel redirects a request whose credentials it
 * rejects to its login page instead of answering JSON, so the portal reads a 3xx as "credentials rejected".
 */
export function isCredentialsRedirect(httpStatus: number | undefined): boolean {
  return httpStatus !== undefined && httpStatus >= 300 && httpStatus < 400;
}

/** Maps API field names (`bank_iban_number`, `partner_return_url`) to our input fields (`bankIban`, `returnUrl`). */
export function toInputFieldErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const mapped: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const key = apiFieldToInputField(field);
    mapped[key] = [...(mapped[key] ?? []), ...messages];
  }
  return mapped;
}

// ---------------------------------------------------------------------------------------------
// Reading messages out of an error body
// ---------------------------------------------------------------------------------------------

export const MAX_UPSTREAM_MESSAGE_LENGTH = 300;

const HTML_TAG = /<\s*\/?\s*[a-z!][^>]*>/i;
// "Bearer <anything>" is a credential wherever it appears.
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * Makes a string from EasyFreelance safe to keep: `redact` removes known secrets, control
 * characters and runs of whitespace become one space, HTML is refused (undefined), and the
 * result is cut to 300 characters.
 */
export function sanitizeUpstreamText(value: unknown, redact: (text: string) => string = (t) => t): string | undefined {
  if (typeof value !== "string") return undefined;
  let text = redact(value).replace(BEARER, "Bearer [redacted]").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
  if (!text || HTML_TAG.test(text)) return undefined;
  if (text.length > MAX_UPSTREAM_MESSAGE_LENGTH) text = `${text.slice(0, MAX_UPSTREAM_MESSAGE_LENGTH - 1).trimEnd()}…`;
  return text;
}

/** Laravel's `errors` ({field: [messages]} or {field: message}), sanitised; undefined when absent. */
export function extractFieldErrors(body: unknown, redact?: (text: string) => string): Record<string, string[]> | undefined {
  if (!isPlainObject(body) || !isPlainObject(body.errors)) return undefined;
  const result: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(body.errors)) {
    const list = Array.isArray(value) ? value : [value];
    const messages = list.map((m) => sanitizeUpstreamText(m, redact)).filter((m): m is string => m !== undefined);
    const key = sanitizeUpstreamText(field, redact);
    if (key && messages.length > 0) result[key.slice(0, 100)] = messages;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** The message of an error body: `errors` (first field error), then `message`, then `error`. */
export function extractUpstreamMessage(body: unknown, redact?: (text: string) => string): string | undefined {
  if (!isPlainObject(body)) return undefined;
  const fieldErrors = extractFieldErrors(body, redact);
  const firstFieldError = fieldErrors ? Object.values(fieldErrors)[0]?.[0] : undefined;
  const error = isPlainObject(body.error) ? body.error.message : body.error;
  return firstFieldError ?? sanitizeUpstreamText(body.message, redact) ?? sanitizeUpstreamText(error, redact);
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function developerMessage(o: EasyFreelanceErrorOptions): string {
  const where = o.httpStatus !== undefined ? `, HTTP ${o.httpStatus}` : "";
  const parts = [`EasyFreelance ${o.operation} failed (${o.kind}${where})`];
  if (o.detail) parts.push(o.detail);
  if (o.upstreamMessage) parts.push(`EasyFreelance said: ${o.upstreamMessage}`);
  return parts.join(": ");
}

/**
 * The user-facing sentence of an error as a catalogue key (namespace `easyFreelanceError`) and its values,
 * so whoever shows it can say it in the reader's language (sayEasyFreelanceError). `said` is EasyFreelance's
 * own (sanitised) words and `detail` a local field message: both stay as they were written.
 */
export const SAFE_MESSAGE_CODES = [
  "credentialsRedirect",
  "credentialsRejected",
  "forbiddenSession",
  "forbidden",
  "sessionNotFound",
  "userNotFound",
  "unknownRequest",
  "notSent",
  "notSentDetail",
  "rejectedSaid",
  "rejectedSaidReturnUrl",
  "rejected",
  "rejectedReturnUrl",
  "rateLimited",
  "rateLimitedNoWait",
  "refusedSaid",
  "refused",
  "serverError",
  "serverErrorNoWait",
  "timeoutPost",
  "timeoutPostNoLimit",
  "timeoutGet",
  "timeoutGetNoLimit",
  "network",
  "malformed",
] as const;
export type SafeMessageCode = (typeof SAFE_MESSAGE_CODES)[number];
export type SafeMessageText = { code: SafeMessageCode; values?: Record<string, string | number> };

export function safeMessageText(o: EasyFreelanceErrorOptions): SafeMessageText {
  const isPost = POST_OPERATIONS.has(o.operation);
  const http = o.httpStatus !== undefined ? ` (HTTP ${o.httpStatus})` : "";
  switch (o.kind) {
    case "unauthorized":
      return { code: isCredentialsRedirect(o.httpStatus) ? "credentialsRedirect" : "credentialsRejected" };
    case "forbidden":
      return { code: o.operation === "getStatus" ? "forbiddenSession" : "forbidden" };
    case "not_found":
      switch (o.operation) {
        case "getStatus":
          return { code: "sessionNotFound" };
        case "getUser":
        case "startFlow":
          return { code: "userNotFound" };
        default:
          return { code: "unknownRequest" };
      }
    case "validation": {
      if (o.httpStatus === undefined) {
        const first = o.fieldErrors ? Object.values(o.fieldErrors)[0]?.[0] : undefined;
        return first ? { code: "notSentDetail", values: { detail: sentence(first) } } : { code: "notSent" };
      }
      const returnUrl = o.operation === "startFlow" && (!o.fieldErrors || "partner_return_url" in o.fieldErrors);
      if (o.upstreamMessage) return { code: returnUrl ? "rejectedSaidReturnUrl" : "rejectedSaid", values: { said: sentence(o.upstreamMessage) } };
      return { code: returnUrl ? "rejectedReturnUrl" : "rejected" };
    }
    case "rate_limited":
      return o.retryAfterSeconds !== undefined ? { code: "rateLimited", values: { seconds: o.retryAfterSeconds } } : { code: "rateLimitedNoWait" };
    case "upstream": {
      if (o.httpStatus !== undefined && o.httpStatus < 500) {
        return o.upstreamMessage
          ? { code: "refusedSaid", values: { http, said: sentence(o.upstreamMessage) } }
          : { code: "refused", values: { http } };
      }
      return o.retryAfterSeconds !== undefined
        ? { code: "serverError", values: { http, seconds: o.retryAfterSeconds } }
        : { code: "serverErrorNoWait", values: { http } };
    }
    case "timeout": {
      if (o.timeoutMs === undefined) return { code: isPost ? "timeoutPostNoLimit" : "timeoutGetNoLimit" };
      return { code: isPost ? "timeoutPost" : "timeoutGet", values: { limit: Math.round(o.timeoutMs / 100) / 10 } };
    }
    case "network":
      return { code: "network" };
    case "malformed":
      return { code: "malformed" };
  }
}

/** An error's sentence for a user in `locale` (its safeMessage is the English one, for logs and stored reasons). */
export function sayEasyFreelanceError(error: Pick<EasyFreelanceError, "safeText" | "safeMessage">, locale: Locale): string {
  if (!error.safeText) return error.safeMessage;
  return translator(locale, "easyFreelanceError")(error.safeText.code, error.safeText.values);
}

/** The English sentence for a user: what happened and what to do. */
export function defaultSafeMessage(o: EasyFreelanceErrorOptions): string {
  const text = safeMessageText(o);
  return translator("en", "easyFreelanceError")(text.code, text.values);
}
