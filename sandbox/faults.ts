/**
 * Fault injection: lets tests and developers make the sandbox fail the way a real upstream can, on demand,
 * either through stored rules (POST /_sandbox/faults) or per request (X-Sandbox-Fault header).
 */
import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { type Req, type Res, redirect, sendHtml, sendJson, sleep } from "./http";
import { SESSION_NOT_FOUND, SESSION_OTHER_PARTNER, notFound, serverError, unauthenticated, validationFailed } from "./errors";
import type { FieldErrors } from "./validation";

export const FAULT_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "validation",
  "rate_limited",
  "server_error",
  "html",
  "malformed",
  "timeout",
  "slow",
  "reset",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const ENDPOINTS = ["flows", "status", "return_urls", "users", "user"] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export type FaultSpec = { kind: FaultKind; retryAfterSeconds?: number; delayMs?: number; status?: number };

export type FaultRule = {
  id: string;
  endpoint: Endpoint | "any";
  userId?: number;
  verificationId?: string;
  /** null = unlimited */
  remaining: number | null;
  fault: FaultSpec;
};

/** What a request is about, for matching rules against it. */
export type FaultTarget = { endpoint: Endpoint; userId?: number; verificationId?: string };

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_SLOW_MS = 2_000;
const DEFAULT_RETRY_AFTER_S = 30;

function ruleMatches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.endpoint !== "any" && rule.endpoint !== target.endpoint) return false;
  if (rule.userId !== undefined && rule.userId !== target.userId) return false;
  if (rule.verificationId !== undefined && rule.verificationId !== target.verificationId) return false;
  return true;
}

/** In memory only: faults are test scaffolding and must not survive a restart. */
export class FaultStore {
  private rules: FaultRule[] = [];

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r, fault: { ...r.fault } }));
  }

  add(rule: Omit<FaultRule, "id">): FaultRule {
    const stored = { ...rule, id: randomUUID() };
    this.rules.push(stored);
    return stored;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** First matching rule wins; a counted rule is used up and then disappears. */
  take(target: FaultTarget): FaultSpec | undefined {
    const rule = this.rules.find((r) => ruleMatches(r, target));
    if (!rule) return undefined;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(rule.id);
    }
    return rule.fault;
  }
}

const isKind = (v: unknown): v is FaultKind => typeof v === "string" && (FAULT_KINDS as readonly string[]).includes(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

function parseSpec(value: unknown): FaultSpec | string {
  if (typeof value !== "object" || value === null) return "fault must be an object";
  const v = value as Record<string, unknown>;
  if (!isKind(v.kind)) return `fault.kind must be one of ${FAULT_KINDS.join(", ")}`;
  const spec: FaultSpec = { kind: v.kind };
  for (const key of ["retryAfterSeconds", "delayMs", "status"] as const) {
    if (v[key] === undefined) continue;
    if (!isCount(v[key])) return `fault.${key} must be a non-negative integer`;
    spec[key] = v[key];
  }
  if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) return "fault.status must be 100-599";
  return spec;
}

/** Validates a POST /_sandbox/faults body; returns an error message string when invalid. */
export function parseFaultRule(input: Record<string, unknown>): Omit<FaultRule, "id"> | string {
  const endpoint = input.endpoint ?? "any";
  if (endpoint !== "any" && !(ENDPOINTS as readonly unknown[]).includes(endpoint)) {
    return `endpoint must be one of any, ${ENDPOINTS.join(", ")}`;
  }
  if (input.userId !== undefined && !(isCount(input.userId) && input.userId > 0)) return "userId must be a positive integer";
  if (input.verificationId !== undefined && typeof input.verificationId !== "string") return "verificationId must be a string";
  if (input.times !== undefined && !(isCount(input.times) && input.times > 0)) return "times must be a positive integer";
  const fault = parseSpec(input.fault);
  if (typeof fault === "string") return fault;
  return {
    endpoint: endpoint as Endpoint | "any",
    userId: input.userId as number | undefined,
    verificationId: input.verificationId as string | undefined,
    remaining: (input.times as number | undefined) ?? null,
    fault,
  };
}

/** `X-Sandbox-Fault: <kind>[;delay=ms][;retry_after=s][;status=n]`. Returns an error string when malformed. */
export function parseFaultHeader(header: string | string[] | undefined): FaultSpec | string | undefined {
  if (header === undefined) return undefined;
  const [kind, ...params] = String(header)
    .split(";")
    .map((p) => p.trim());
  if (!isKind(kind)) return `X-Sandbox-Fault: unknown kind "${kind}"; expected one of ${FAULT_KINDS.join(", ")}`;
  const spec: FaultSpec = { kind };
  const keys: Record<string, keyof Omit<FaultSpec, "kind">> = { delay: "delayMs", retry_after: "retryAfterSeconds", status: "status" };
  for (const param of params) {
    const [name, raw] = param.split("=").map((p) => p.trim());
    const key = keys[name ?? ""];
    const n = Number(raw);
    if (!key || !isCount(n)) return `X-Sandbox-Fault: bad parameter "${param}"`;
    spec[key] = n;
  }
  return spec;
}

/** A plausible field error per endpoint, so a client's error mapping sees something realistic. */
const SAMPLE_ERRORS: Record<Endpoint, FieldErrors> = {
  flows: { partner_return_url: ["The partner return url is not an approved return URL."] },
  status: { verification_id: ["The verification id field must be a valid UUID."] },
  return_urls: { partner_return_url: ["The partner return url field must be a valid URL."] },
  users: { email: ["The email field must be a valid email address."] },
  user: { id: ["The id field must be an integer."] },
};

const BAD_GATEWAY_HTML =
  "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n" +
  "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";

export type FaultDeps = {
  origin: string;
  /** Aborted when the sandbox closes, so held requests and timers never outlive it. */
  signal: AbortSignal;
};

/** Waits, but gives up early when the client goes away or the sandbox closes. */
async function hold(socket: Socket, ms: number, signal: AbortSignal): Promise<void> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  socket.once("close", onClose);
  const stop = AbortSignal.any([gone.signal, signal]);
  try {
    await sleep(ms, stop);
  } catch {
    // Client gave up or the server is closing: either way we are done waiting.
  } finally {
    socket.off("close", onClose);
  }
}

/**
 * Applies a fault. "handled" means the response (or the connection) is finished; "continue" means the
 * request should now be processed normally (the `slow` fault).
 */
export async function applyFault(deps: FaultDeps, req: Req, res: Res, endpoint: Endpoint, fault: FaultSpec): Promise<"handled" | "continue"> {
  const status = fault.status;
  switch (fault.kind) {
    case "unauthorized":
      // status=302 imitates a Laravel API that redirects to its login page even when JSON was asked for
      // (a misconfigured guard or base URL): the client must read that as rejected credentials too.
      if (status !== undefined && status >= 300 && status < 400) redirect(res, status === 303 ? 303 : 302, `${deps.origin}/login`);
      else if (status !== undefined) sendJson(res, status, { message: "Unauthenticated." });
      else unauthenticated(req, res, deps.origin);
      return "handled";
    case "forbidden":
      sendJson(res, status ?? 403, { error: endpoint === "status" ? SESSION_OTHER_PARTNER : "This action is unauthorized." });
      return "handled";
    case "not_found":
      if (endpoint === "status") sendJson(res, status ?? 404, { error: SESSION_NOT_FOUND });
      else notFound(res);
      return "handled";
    case "validation":
      validationFailed(res, SAMPLE_ERRORS[endpoint]);
      return "handled";
    case "rate_limited": {
      const retryAfter = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S;
      sendJson(
        res,
        status ?? 429,
        { message: "Too Many Attempts." },
        {
          "Retry-After": String(retryAfter),
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": String(Math.floor(Date.now() / 1000) + retryAfter),
        },
      );
      return "handled";
    }
    case "server_error":
      serverError(res, status ?? 500);
      return "handled";
    case "html":
      sendHtml(res, status ?? 502, BAD_GATEWAY_HTML);
      return "handled";
    case "malformed": {
      // Valid headers, cut-off JSON: what a client sees when a proxy truncates a response.
      const body = '{"verification_id":"3f1c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6","status":"pend';
      res.writeHead(status ?? 200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
      return "handled";
    }
    case "timeout":
      await hold(req.socket, fault.delayMs ?? DEFAULT_TIMEOUT_MS, deps.signal);
      req.socket.destroy();
      return "handled";
    case "slow":
      await sleep(fault.delayMs ?? DEFAULT_SLOW_MS, deps.signal);
      return "continue";
    case "reset":
      // resetAndDestroy sends a TCP RST (a real "connection reset"), not a polite FIN.
      if (typeof req.socket.resetAndDestroy === "function") req.socket.resetAndDestroy();
      else req.socket.destroy();
      return "handled";
  }
}
