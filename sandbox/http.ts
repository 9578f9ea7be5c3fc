import type { IncomingMessage, ServerResponse } from "node:http";

export type Req = IncomingMessage;
export type Res = ServerResponse;

export class PayloadTooLarge extends Error {}

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: Req): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLarge("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isForm(req: Req): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/**
 * Like Laravel's request input: form bodies and JSON bodies both work, and an invalid or non-object JSON body
 * is treated as empty input (Laravel then answers with validation errors, not 400).
 */
export function parseInput(req: Req, raw: string): Record<string, unknown> {
  if (isForm(req)) return Object.fromEntries(new URLSearchParams(raw));
  if (raw.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Laravel's TrimStrings + ConvertEmptyStringsToNull middleware, applied to top-level fields. */
export function laravelInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== "string") out[key] = value;
    else out[key] = value.trim() === "" ? null : value.trim();
  }
  return out;
}

export function wantsJson(req: Req): boolean {
  return /application\/json|\+json/i.test(req.headers.accept ?? "");
}

export function wantsForm(req: Req): boolean {
  return isForm(req);
}

export function sendJson(res: Res, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache, private",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: Res, status: number, html: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": Buffer.byteLength(html),
    ...headers,
  });
  res.end(html);
}

export function redirect(res: Res, status: 302 | 303, location: string): void {
  const escaped = location.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  sendHtml(
    res,
    status,
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="refresh" content="0;url='${escaped}'">` +
      `<title>Redirecting to ${escaped}</title></head><body>Redirecting to <a href="${escaped}">${escaped}</a>.</body></html>`,
    { Location: location },
  );
}

/** A timer that rejects (and is cleared) when the signal aborts, so closing the server never waits on it. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
