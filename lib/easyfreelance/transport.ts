// The reusable part of the client: one authenticated JSON request to EasyFreelance, with a timeout per
// attempt, retries that never repeat a POST that may have arrived, Retry-After, and every failure
// turned into an EasyFreelanceError. The secrets go into headers and nowhere else.
import "server-only";
import type { z } from "zod";
import { parseAnswer, readBody } from "./answers";
import { AttemptFailure, cutOffFailure, fail, httpFailure, malformed, networkFailure, redirectFailure, timeoutFailure } from "./attempt-failures";
import type { TransportSettings } from "./config";
import { PERSON, type CallPriority } from "./budget";
import { isCredentialsRedirect, type EasyFreelanceOperation } from "./errors";
import { loggableText, safeWarn, secretRedactor, type Warn } from "./redaction";

export interface RequestSpec<T> {
  operation: EasyFreelanceOperation;
  method: "GET" | "POST";
  /** Below the base URL, starting with "/"; path parameters already encoded. */
  path: string;
  body?: Record<string, unknown>;
  /** Parses the 2xx answer into what the operation returns. */
  schema: z.ZodType<T>;
  /** Told the 2xx status before the answer is parsed (POST /users: 201 created, 200 linked an existing user). */
  onSuccessStatus?: (status: number) => void;
  /** Who waits for it, for the shared budget (default: a person). */
  priority?: CallPriority;
}

export interface Transport {
  /** Resolves with the parsed answer or rejects with an EasyFreelanceError. */
  request<T>(spec: RequestSpec<T>): Promise<T>;
  /** Logs with the secrets redacted; never throws. */
  warn: Warn;
  /** A value from an answer made fit for a log line (single line, ≤ 100 chars, redacted). */
  loggable(value: unknown): string | null;
}

/** A 429 without Retry-After still pauses every call this long. */
const DEFAULT_PAUSE_MS = 1_000;

export function createTransport(settings: TransportSettings): Transport {
  // Destructured so that fetch, sleep, random and now are called unbound, as plain functions.
  const { baseUrl, token, apiKey, timeoutMs, maxRetries, retryBaseDelayMs, maxRetryDelayMs, fetch: fetchImpl, sleep, random, now, budget } = settings;
  const redact = secretRedactor([token, apiKey]);
  const warn = safeWarn(settings.logger, redact);

  async function attempt<T>(spec: RequestSpec<T>): Promise<T> {
    // Every attempt (a retry too) is a call against EasyFreelance's rate limit: take it from the shared budget.
    let ticket: Date | undefined;
    if (budget) {
      const answer = await budget.take(spec.priority ?? PERSON);
      if (!answer.granted) {
        throw fail(
          { kind: "rate_limited", operation: spec.operation, retryAfterSeconds: Math.max(1, Math.ceil(answer.waitMs / 1000)), budgetSpent: true },
          "never",
        );
      }
      ticket = answer.ticket;
    }
    try {
      return await send(spec);
    } finally {
      // The call counts from when it ended (never earlier than it reached EasyFreelance), not from its grant.
      if (budget && ticket) await budget.settle(ticket).catch(() => undefined);
    }
  }

  async function send<T>(spec: RequestSpec<T>): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      "API-key": apiKey,
      // Without it Laravel answers an auth failure with a redirect or an HTML page, not a JSON 401.
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
        throw timedOut ? timeoutFailure(spec.operation, timeoutMs) : networkFailure(spec.operation, error, redact);
      }

      const status = response.status;
      if (status === 0 || response.type === "opaqueredirect" || isCredentialsRedirect(status)) {
        await response.body?.cancel().catch(() => undefined);
        throw redirectFailure(spec.operation, status);
      }

      let text: string;
      try {
        text = await readBody(response);
      } catch (error) {
        if (timedOut) throw timeoutFailure(spec.operation, timeoutMs);
        if (error instanceof RangeError) throw malformed(spec.operation, "answer too large", status);
        throw cutOffFailure(spec.operation, error, redact);
      }

      if (status >= 200 && status < 300) spec.onSuccessStatus?.(status);
      if (status >= 200 && status < 300) return parseAnswer(spec.operation, spec.schema, response, text, warn);
      const failure = httpFailure(spec.operation, response, text, redact, now);
      // EasyFreelance's own limit was hit (another client of the token, or a smaller limit than configured):
      // every call, on every instance, waits until it says.
      if (status === 429 && budget) await budget.pause(failure.retryAfterMs ?? DEFAULT_PAUSE_MS).catch(() => undefined);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    for (let attemptIndex = 0; ; attemptIndex++) {
      try {
        return await attempt(spec);
      } catch (thrown) {
        if (!(thrown instanceof AttemptFailure)) throw thrown;
        const { error, retry, retryAfterMs } = thrown;
        // A POST is repeated only when it certainly never left: EasyFreelance takes no idempotency key.
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

  return { request, warn, loggable: (value) => loggableText(value, redact) };
}
