// The partner's token and API key leave the server only in request headers. Every text the client
// logs or keeps passes through `redact` first, in plain and URL-encoded form.
import { sanitizeUpstreamText } from "./errors";
import type { EasyFreelanceLogger } from "./config";

export type Redact = (text: string) => string;
export type Warn = (message: string, meta: Record<string, unknown>) => void;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every occurrence of the secrets (case-insensitive, also URL-encoded) with "[redacted]". */
export function secretRedactor(secrets: readonly string[]): Redact {
  const patterns = [...new Set([...secrets, ...secrets.map(encodeURIComponent)])]
    // Longest first, so a secret containing another is removed whole.
    .sort((a, b) => b.length - a.length)
    .map((secret) => new RegExp(escapeRegExp(secret), "gi"));
  return (text) => patterns.reduce((t, pattern) => t.replace(pattern, "[redacted]"), text);
}

function redactDeep(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, depth + 1)]));
}

/** A warn that redacts message and meta, and never throws. */
export function safeWarn(logger: EasyFreelanceLogger | undefined, redact: Redact): Warn {
  return (message, meta) => {
    if (!logger) return;
    try {
      logger.warn(redact(message), redactDeep(meta, redact) as Record<string, unknown>);
    } catch {
      // A failing logger must not turn a good answer into an error.
    }
  };
}

/** A loggable form of a value EasyFreelance sent (single line, ≤ 100 chars, redacted). */
export function loggableText(value: unknown, redact: Redact): string | null {
  return sanitizeUpstreamText(value, redact)?.slice(0, 100) ?? null;
}
