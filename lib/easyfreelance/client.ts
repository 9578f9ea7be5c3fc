import "server-only";
import type { z } from "zod";
import { isPlainObject } from "@/lib/plain-object";
import {
  EasyFreelanceError,
  extractFieldErrors,
  isCredentialsRedirect,
  extractUpstreamMessage,
  sanitizeUpstreamText,
  type EasyFreelanceErrorKind,
  type EasyFreelanceErrorOptions,
  type EasyFreelanceOperation,
} from "./errors";
import { inputFieldToApiField } from "./schemas/fields";
import { flowCreatedResponseSchema, startFlowInputSchema, toStartFlowBody, type FlowCreated, type StartFlowInput } from "./schemas/flows";
import {
  registerReturnUrlInputSchema,
  returnUrlRegistrationResponseSchema,
  toRegisterReturnUrlBody,
  type RegisterReturnUrlInput,
  type ReturnUrlRegistration,
} from "./schemas/return-urls";
import { verificationIdSchema, verificationStatusResponseSchema, type VerificationStatusResult } from "./schemas/status";
import {
  toUpsertUserBody,
  upsertUserInputSchema,
  userIdSchema,
  userResponseSchema,
  type EasyFreelanceUser,
  type UpsertUserInput,
} from "./schemas/users";

// The one typed client of the EasyFreelance partner API. The same code talks to production and to
// the local sandbox; only the configuration differs. The partner's two secrets (Bearer token and
// API key) go into request headers and nowhere else: errors, log lines and return values are built
// from sanitised, redacted pieces, never from a request, its headers or a raw response body.

export interface EasyFreelanceLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface EasyFreelanceClientConfig {
  /** e.g. https://app.easyfreelance.no/api/v1 (a trailing slash is fine). */
  baseUrl: string;
  /** The partner's Sanctum token (a leading "Bearer " is tolerated). */
  token: string;
  /** The partner's API key (UUID). */
  apiKey: string;
  /** Per attempt, covering the answer's body too. Default 10000. */
  timeoutMs?: number;
  /** Extra attempts for requests that are safe to repeat. Default 2. */
  maxRetries?: number;
  /** First backoff ceiling; doubles per retry (full jitter). Default 250. */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts; a longer Retry-After is not waited for. Default 5000. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
  logger?: EasyFreelanceLogger;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); used for backoff jitter. */
  random?: () => number;
  /** Epoch ms; used to read an HTTP-date Retry-After. */
  now?: () => number;
  /** Allow plain http to a non-loopback host (never in production). Default false. */
  allowInsecureHttp?: boolean;
}

export interface EasyFreelanceClient {
  /** POST /users/{userId}/verification/flows. Never retried once it may have reached EasyFreelance. */
  startFlow(userId: number, input: StartFlowInput): Promise<FlowCreated>;
  /** GET /verification/status/{verificationId}. */
  getStatus(verificationId: string): Promise<VerificationStatusResult>;
  /** POST /verification-return-urls. A 201 does not mean approved: see `status`. */
  registerReturnUrl(input: RegisterReturnUrlInput): Promise<ReturnUrlRegistration>;
  /** POST /users: creates the user, or links the existing one with that email. */
  upsertUser(input: UpsertUserInput): Promise<EasyFreelanceUser>;
  /** GET /users/{id}. */
  getUser(id: number): Promise<EasyFreelanceUser>;
}

const DEFAULTS = { timeoutMs: 10_000, maxRetries: 2, retryBaseDelayMs: 250, maxRetryDelayMs: 5_000 } as const;

/** Failures where the connection never opened, so nothing was sent: safe to repeat even a POST. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** HTTP answers after which a GET is repeated. */
const RETRYABLE_GET_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);
const MAX_BODY_BYTES = 1_000_000;
const HEADER_SAFE = /^[\x21-\x7e]+$/;

type Method = "GET" | "POST";

/** Whether a failed attempt may be repeated: always (nothing was sent), only for GETs, or never. */
type RetryRule = "not_sent" | "idempotent" | "never";

class AttemptFailure {
  constructor(
    readonly error: EasyFreelanceError,
    readonly retry: RetryRule,
    readonly retryAfterMs?: number,
  ) {}
}

/** What a low-level failure becomes on an error's `cause`: name, message and code, redacted. */
class EasyFreelanceTransportCause extends Error {
  readonly code?: string;
  constructor(name: string, message: string, code?: string) {
    super(message);
    this.name = name;
    if (code) this.code = code;
  }
}

function configError(problem: string): TypeError {
  return new TypeError(`EasyFreelance client configuration: ${problem}`);
}

function positive(value: number | undefined, fallback: number, name: string, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) throw configError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number`);
  return v;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function createEasyFreelanceClient(config: EasyFreelanceClientConfig): EasyFreelanceClient {
  // --- configuration (messages name the setting, never its value) ------------------------------
  let base: URL;
  try {
    base = new URL(config.baseUrl);
  } catch {
    throw configError("baseUrl must be an absolute URL");
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw configError("baseUrl must be http(s)");
  if (base.protocol === "http:" && !LOOPBACK_HOSTS.has(base.hostname) && !config.allowInsecureHttp) {
    throw configError("baseUrl must use https (plain http is only allowed for a local sandbox)");
  }
  if (base.username || base.password || base.search || base.hash) {
    throw configError("baseUrl must not contain credentials, a query or a fragment");
  }
  const baseUrl = base.toString().replace(/\/+$/, "");

  const token = (typeof config.token === "string" ? config.token : "").trim().replace(/^Bearer\s+/i, "");
  const apiKey = (typeof config.apiKey === "string" ? config.apiKey : "").trim();
  // A header value fetch refuses would be echoed in fetch's own error message: refuse it here.
  if (!HEADER_SAFE.test(token)) throw configError("token is empty or contains characters that cannot be sent in a header");
  if (!HEADER_SAFE.test(apiKey)) throw configError("apiKey is empty or contains characters that cannot be sent in a header");

  const timeoutMs = positive(config.timeoutMs, DEFAULTS.timeoutMs, "timeoutMs");
  const maxRetries = Math.floor(positive(config.maxRetries, DEFAULTS.maxRetries, "maxRetries", true));
  const retryBaseDelayMs = positive(config.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs, "retryBaseDelayMs", true);
  const maxRetryDelayMs = positive(config.maxRetryDelayMs, DEFAULTS.maxRetryDelayMs, "maxRetryDelayMs", true);
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = config.random ?? Math.random;
  const now = config.now ?? Date.now;

  // --- secrets never leave through text -------------------------------------------------------
  const secretPatterns = [...new Set([token, apiKey, encodeURIComponent(token), encodeURIComponent(apiKey)])]
    .sort((a, b) => b.length - a.length)
    .map((secret) => new RegExp(escapeRegExp(secret), "gi"));
  const redact = (text: string): string => secretPatterns.reduce((t, pattern) => t.replace(pattern, "[redacted]"), text);

  function redactDeep(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return redact(value);
    if (depth > 4 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
    if (value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
  }

  function warn(message: string, meta: Record<string, unknown>): void {
    if (!config.logger) return;
    try {
      config.logger.warn(redact(message), redactDeep(meta) as Record<string, unknown>);
    } catch {
      // A failing logger must not turn a good answer into an error.
    }
  }

  /** A loggable form of a value EasyFreelance sent (single line, ≤ 100 chars, redacted). */
  const loggable = (value: unknown): string | null => sanitizeUpstreamText(value, redact)?.slice(0, 100) ?? null;

  function fail(options: EasyFreelanceErrorOptions, retry: RetryRule = "never", retryAfterMs?: number): AttemptFailure {
    return new AttemptFailure(new EasyFreelanceError(options), retry, retryAfterMs);
  }

  // --- input validation ------------------------------------------------------------------------
  function validate<S extends z.ZodType>(schema: S, input: unknown, operation: EasyFreelanceOperation, field?: string): z.output<S> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const fieldErrors: Record<string, string[]> = {};
    const add = (key: string, message: string) => {
      (fieldErrors[key] ??= []).push(message);
    };
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) add(inputFieldToApiField([...issue.path.map(String), key].join(".")), "This field is not accepted.");
        continue;
      }
      const path = issue.path.map(String).join(".");
      add(field ?? (path ? inputFieldToApiField(path) : "input"), issue.message);
    }
    throw new EasyFreelanceError({
      kind: "validation",
      operation,
      fieldErrors,
      detail: `not sent, invalid input (${Object.keys(fieldErrors).join(", ")})`,
    });
  }

  // --- one HTTP attempt ------------------------------------------------------------------------
  interface RequestSpec<T> {
    operation: EasyFreelanceOperation;
    method: Method;
    path: string;
    body?: Record<string, unknown>;
    schema: z.ZodType<T>;
  }

  function transportCause(error: unknown): EasyFreelanceTransportCause {
    const e = error as { name?: unknown; message?: unknown; code?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
    const name = typeof e?.name === "string" ? e.name : "Error";
    const message = typeof e?.message === "string" ? e.message : "request failed";
    const inner = typeof e?.cause?.message === "string" ? ` (${e.cause.message})` : "";
    const code = networkCode(error);
    return new EasyFreelanceTransportCause(name, (sanitizeUpstreamText(`${message}${inner}`, redact) ?? "request failed"), code);
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

  function fetchFailure(operation: EasyFreelanceOperation, error: unknown, timedOut: boolean): AttemptFailure {
    if (timedOut) return fail({ kind: "timeout", operation, timeoutMs, detail: `no answer within ${timeoutMs} ms` }, "idempotent");
    const cause = transportCause(error);
    const notSent = cause.code !== undefined && NOT_SENT_CODES.has(cause.code);
    return fail(
      { kind: "network", operation, cause, detail: cause.code ? `${cause.code}${notSent ? ", nothing sent" : ""}` : cause.message },
      notSent ? "not_sent" : "idempotent",
    );
  }

  async function readBody(response: Response): Promise<string> {
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new RangeError("answer too large");
    }
    if (!response.body) return "";
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new RangeError("answer too large");
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  }

  function parseRetryAfterMs(header: string | null): number | undefined {
    if (!header) return undefined;
    const value = header.trim();
    if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now());
  }

  function httpFailure(operation: EasyFreelanceOperation, response: Response, text: string): AttemptFailure {
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

    const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"));
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
    const retry: RetryRule = RETRYABLE_GET_STATUSES.has(status) ? "idempotent" : "never";
    if (status === 429) return fail({ ...kindFor("rate_limited"), retryAfterSeconds }, retry, retryAfterMs);
    if (status >= 500) {
      // A 5xx body may be an HTML page or a debug trace: its message is kept for developers only.
      return fail({ ...kindFor("upstream"), retryAfterSeconds }, retry, retryAfterMs);
    }
    return fail(kindFor("upstream"));
  }

  function malformed(operation: EasyFreelanceOperation, detail: string, httpStatus: number): AttemptFailure {
    return fail({ kind: "malformed", operation, httpStatus, detail });
  }

  function parseAnswer<T>(spec: RequestSpec<T>, response: Response, text: string): T {
    const status = response.status;
    if (!text.trim()) throw malformed(spec.operation, "empty answer", status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const html = /^\s*</.test(text) || /html/i.test(response.headers.get("content-type") ?? "");
      warn("EasyFreelance answer is not JSON", { operation: spec.operation, httpStatus: status, html });
      throw malformed(spec.operation, html ? "answer is an HTML page, not JSON" : "answer is not JSON", status);
    }
    let result = spec.schema.safeParse(json);
    // Laravel API resources wrap their payload in {"data": ...}: accept that shape too.
    if (!result.success && isPlainObject(json) && isPlainObject(json.data)) {
      const unwrapped = spec.schema.safeParse(json.data);
      if (unwrapped.success) result = unwrapped;
    }
    if (!result.success) {
      const issues = result.error.issues.slice(0, 20).map((issue) => ({
        path: issue.path.map(String).join(".") || "(root)",
        code: issue.code,
        message: issue.message,
      }));
      // Which fields failed and why, never the values.
      warn("EasyFreelance answer does not match the expected shape", { operation: spec.operation, httpStatus: status, issues });
      const fields = [...new Set(issues.map((i) => i.path))].join(", ");
      throw malformed(spec.operation, `unexpected answer (fields: ${fields})`, status);
    }
    return result.data;
  }

  async function attempt<T>(spec: RequestSpec<T>): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      "API-key": apiKey,
      Accept: "application/json",
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetchImpl(`${baseUrl}${spec.path}`, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: controller.signal,
          // A Laravel auth failure can be a redirect to a login page: see it, don't follow it.
          redirect: "manual",
          cache: "no-store",
        });
      } catch (error) {
        throw fetchFailure(spec.operation, error, timedOut);
      }

      const status = response.status;
      if (status === 0 || response.type === "opaqueredirect" || isCredentialsRedirect(status)) {
        await response.body?.cancel().catch(() => undefined);
        throw fail({
          kind: "unauthorized",
          operation: spec.operation,
          httpStatus: status || undefined,
          detail: "EasyFreelance redirected instead of answering with JSON (typical of rejected credentials)",
        });
      }

      let text: string;
      try {
        text = await readBody(response);
      } catch (error) {
        if (timedOut) throw fetchFailure(spec.operation, error, true);
        if (error instanceof RangeError) throw malformed(spec.operation, "answer too large", status);
        // The answer was cut off: the request was received, so only a GET may be repeated.
        throw fail({ kind: "network", operation: spec.operation, cause: transportCause(error), detail: "answer cut off" }, "idempotent");
      }

      if (status >= 200 && status < 300) return parseAnswer(spec, response, text);
      throw httpFailure(spec.operation, response, text);
    } finally {
      clearTimeout(timer);
    }
  }

  // --- retries ---------------------------------------------------------------------------------
  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await attempt(spec);
      } catch (thrown) {
        if (!(thrown instanceof AttemptFailure)) throw thrown;
        const { error, retry, retryAfterMs } = thrown;
        const allowed = retry === "not_sent" || (retry === "idempotent" && spec.method === "GET");
        if (!allowed || attemptIndex >= maxRetries) throw error;
        // A Retry-After longer than we are willing to wait: give up now and report it.
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryDelayMs) throw error;
        const ceiling = Math.min(maxRetryDelayMs, retryBaseDelayMs * 2 ** attemptIndex);
        const jitter = Math.min(Math.max(random(), 0), 1);
        const delayMs = retryAfterMs ?? Math.floor(jitter * ceiling);
        warn("EasyFreelance request failed, retrying", {
          operation: spec.operation,
          attempt: attemptIndex + 1,
          maxAttempts: maxRetries + 1,
          kind: error.kind,
          httpStatus: error.httpStatus,
          delayMs,
        });
        await sleep(delayMs);
      }
    }
  }

  // --- operations ------------------------------------------------------------------------------
  return {
    async startFlow(userId, input) {
      const id = validate(userIdSchema, userId, "startFlow", "user_id");
      const valid = validate(startFlowInputSchema, input, "startFlow");
      const flow = await request({
        operation: "startFlow",
        method: "POST",
        path: `/users/${id}/verification/flows`,
        body: toStartFlowBody(valid),
        schema: flowCreatedResponseSchema,
      });
      if (flow.rawProvider === null) flow.provider = valid.provider;
      if (flow.status === "unknown") {
        warn("EasyFreelance sent an unknown verification status", {
          operation: "startFlow",
          verificationId: loggable(flow.verificationId),
          rawStatus: loggable(flow.rawStatus),
        });
      }
      if (flow.provider !== valid.provider) {
        warn("EasyFreelance started a flow with another provider than requested", {
          operation: "startFlow",
          verificationId: loggable(flow.verificationId),
          requested: valid.provider,
          rawProvider: loggable(flow.rawProvider),
        });
      }
      return flow;
    },

    async getStatus(verificationId) {
      const id = validate(verificationIdSchema, verificationId, "getStatus", "verification_id");
      const parsed = await request({
        operation: "getStatus",
        method: "GET",
        path: `/verification/status/${encodeURIComponent(id)}`,
        schema: verificationStatusResponseSchema,
      });
      if (parsed.verificationId !== null && parsed.verificationId.toLowerCase() !== id.toLowerCase()) {
        // Fail closed: never attach another session's result to this one.
        warn("EasyFreelance answered about another verification session", { operation: "getStatus", verificationId: loggable(id) });
        throw new EasyFreelanceError({
          kind: "malformed",
          operation: "getStatus",
          httpStatus: 200,
          detail: "the answer is about another verification session",
        });
      }
      const result: VerificationStatusResult = { ...parsed, verificationId: parsed.verificationId ?? id };
      if (result.status === "unknown") {
        warn("EasyFreelance sent an unknown verification status", {
          operation: "getStatus",
          verificationId: loggable(result.verificationId),
          rawStatus: loggable(result.rawStatus),
        });
      }
      if (result.nextAction === "unknown") {
        warn("EasyFreelance sent an unknown next_action", {
          operation: "getStatus",
          verificationId: loggable(result.verificationId),
          rawNextAction: loggable(result.rawNextAction),
        });
      }
      if (result.rawIdType !== null && result.idType === null) {
        warn("EasyFreelance sent an unknown id_type", {
          operation: "getStatus",
          verificationId: loggable(result.verificationId),
          rawIdType: loggable(result.rawIdType),
        });
      }
      return result;
    },

    async registerReturnUrl(input) {
      const valid = validate(registerReturnUrlInputSchema, input, "registerReturnUrl");
      return request({
        operation: "registerReturnUrl",
        method: "POST",
        path: "/verification-return-urls",
        body: toRegisterReturnUrlBody(valid),
        schema: returnUrlRegistrationResponseSchema,
      });
    },

    async upsertUser(input) {
      const valid = validate(upsertUserInputSchema, input, "upsertUser");
      return request({
        operation: "upsertUser",
        method: "POST",
        path: "/users",
        body: toUpsertUserBody(valid),
        schema: userResponseSchema,
      });
    },

    async getUser(userId) {
      const id = validate(userIdSchema, userId, "getUser", "id");
      const user = await request({ operation: "getUser", method: "GET", path: `/users/${id}`, schema: userResponseSchema });
      if (user.id !== id) {
        warn("EasyFreelance answered with another user", { operation: "getUser", requestedId: id });
        throw new EasyFreelanceError({ kind: "malformed", operation: "getUser", httpStatus: 200, detail: "the answer is about another user" });
      }
      return user;
    },
  };
}
