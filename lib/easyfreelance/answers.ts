// Reading a successful answer: a bounded body, JSON, then the operation's schema. A failure says
// which fields did not match, never their values.
import type { z } from "zod";
import { isPlainObject } from "@/lib/plain-object";
import { malformed } from "./attempt-failures";
import type { EasyFreelanceOperation } from "./errors";
import type { Warn } from "./redaction";

/** Far above any documented answer; a larger one is refused rather than held in memory. */
const MAX_BODY_BYTES = 1_000_000;

/** The body as text. Throws a RangeError past MAX_BODY_BYTES, or the stream's error when it is cut off. */
export async function readBody(response: Response): Promise<string> {
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

/** Parses a 2xx answer with `schema`; throws an AttemptFailure (malformed) when it cannot. */
export function parseAnswer<T>(operation: EasyFreelanceOperation, schema: z.ZodType<T>, response: Response, text: string, warn: Warn): T {
  const status = response.status;
  if (!text.trim()) throw malformed(operation, "empty answer", status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const html = /^\s*</.test(text) || /html/i.test(response.headers.get("content-type") ?? "");
    warn("EasyFreelance answer is not JSON", { operation, httpStatus: status, html });
    throw malformed(operation, html ? "answer is an HTML page, not JSON" : "answer is not JSON", status);
  }
  let result = schema.safeParse(json);
  // Laravel API resources wrap their payload in {"data": ...}: accept that shape too.
  if (!result.success && isPlainObject(json) && isPlainObject(json.data)) {
    const unwrapped = schema.safeParse(json.data);
    if (unwrapped.success) result = unwrapped;
  }
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((issue) => ({
      path: issue.path.map(String).join(".") || "(root)",
      code: issue.code,
      message: issue.message,
    }));
    // Which fields failed and why, never the values.
    warn("EasyFreelance answer does not match the expected shape", { operation, httpStatus: status, issues });
    const fields = [...new Set(issues.map((i) => i.path))].join(", ");
    throw malformed(operation, `unexpected answer (fields: ${fields})`, status);
  }
  return result.data;
}
