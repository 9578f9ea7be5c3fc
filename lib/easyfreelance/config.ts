import type { UpstreamBudget } from "./budget";

// The client's configuration, checked once. Messages name the setting, never its value: a bad token
// must not end up in a start-up log.

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
  /** The shared rate-limit budget every attempt takes a call from (none: unlimited, e.g. unit tests). */
  budget?: UpstreamBudget;
}

/**
 * The longest one call can take: every attempt timing out, with the longest wait between attempts. A claim
 * on a refresh must last at least this long, or a second caller asks upstream while the first still waits.
 */
export function longestCallMs(config: Pick<EasyFreelanceClientConfig, "timeoutMs" | "maxRetries" | "maxRetryDelayMs"> = {}): number {
  const timeoutMs = config.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = config.maxRetries ?? DEFAULTS.maxRetries;
  return timeoutMs * (retries + 1) + (config.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs) * retries;
}

/** The configuration with defaults applied and every value checked. */
export interface TransportSettings {
  /** Without a trailing slash. */
  baseUrl: string;
  /** Without a "Bearer " prefix. */
  token: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  fetch: typeof fetch;
  logger?: EasyFreelanceLogger;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  budget?: UpstreamBudget;
}

const DEFAULTS = { timeoutMs: 10_000, maxRetries: 2, retryBaseDelayMs: 250, maxRetryDelayMs: 5_000 } as const;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function configError(problem: string): TypeError {
  return new TypeError(`EasyFreelance client configuration: ${problem}`);
}

function positive(value: number | undefined, fallback: number, name: string, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0))
    throw configError(`${name} must be a ${allowZero ? "non-negative" : "positive"} number`);
  return v;
}

function checkedBaseUrl(config: EasyFreelanceClientConfig): string {
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
  return base.toString().replace(/\/+$/, "");
}

export function resolveConfig(config: EasyFreelanceClientConfig): TransportSettings {
  const baseUrl = checkedBaseUrl(config);
  const token = (typeof config.token === "string" ? config.token : "").trim().replace(/^Bearer\s+/i, "");
  const apiKey = (typeof config.apiKey === "string" ? config.apiKey : "").trim();
  // A header value fetch refuses would be echoed in fetch's own error message: refuse it here.
  if (!HEADER_SAFE.test(token)) throw configError("token is empty or contains characters that cannot be sent in a header");
  if (!HEADER_SAFE.test(apiKey)) throw configError("apiKey is empty or contains characters that cannot be sent in a header");

  return {
    baseUrl,
    token,
    apiKey,
    timeoutMs: positive(config.timeoutMs, DEFAULTS.timeoutMs, "timeoutMs"),
    maxRetries: Math.floor(positive(config.maxRetries, DEFAULTS.maxRetries, "maxRetries", true)),
    retryBaseDelayMs: positive(config.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs, "retryBaseDelayMs", true),
    maxRetryDelayMs: positive(config.maxRetryDelayMs, DEFAULTS.maxRetryDelayMs, "maxRetryDelayMs", true),
    fetch: config.fetch ?? globalThis.fetch,
    logger: config.logger,
    sleep: config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: config.random ?? Math.random,
    now: config.now ?? Date.now,
    budget: config.budget,
  };
}
