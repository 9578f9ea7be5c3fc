/**
 * EasyFreelance sandbox: a standalone HTTP server imitating the partner API contract
 * (docs/easyfreelance-api.md) plus the hosted verification pages, for local development and tests.
 * Only dev scripts and tests import this; product code never does.
 */
import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { dirname } from "node:path";
import { API_PREFIX, handleApi } from "./api";
import type { SandboxContext } from "./context";
import { handleControl } from "./control";
import { SANDBOX_DEFAULTS } from "./defaults";
import { FaultStore } from "./faults";
import { notFoundPage } from "./html";
import { PayloadTooLarge, type Req, type Res, sendHtml, sendJson } from "./http";
import { handleVerify, indexPage, loginPage } from "./pages";
import { RequestLog } from "./requestLog";
import { Store } from "./state";
import type { Partner } from "./types";
import { handleMail, startMailCatcher, type MailCatcher } from "./mail-catcher";

export type SandboxOptions = {
  /** 0 = random free port; default 0. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** JSON state file; state persists across restarts. If omitted, in-memory only. */
  dataFile?: string;
  /** Default: partner 1 with the SANDBOX_DEFAULTS credentials and partner 2 with the "other" credentials. */
  partners?: Array<{ id: number; token: string; apiKey: string }>;
  /** Return-URL bases pre-registered and approved for partner 1 (or the first partner if there is no id 1). */
  approvedReturnUrls?: string[];
  /** Default 1800. */
  sessionTtlSeconds?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** Origin to put in verification_url etc. when clients reach the sandbox under another name (e.g. Docker). */
  publicUrl?: string;
  /** Port of the SMTP catcher (0 = random); without it no catcher runs. */
  smtpPort?: number;
};

export type RunningSandbox = {
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  /** url + "/api/v1" */
  apiBaseUrl: string;
  /** smtp://host:port of the mail catcher, when it runs. */
  smtpUrl?: string;
  close(): Promise<void>;
};

export function defaultPartners(): Partner[] {
  return [
    { id: 1, token: SANDBOX_DEFAULTS.token, apiKey: SANDBOX_DEFAULTS.apiKey },
    { id: 2, token: SANDBOX_DEFAULTS.otherPartnerToken, apiKey: SANDBOX_DEFAULTS.otherPartnerApiKey },
  ];
}

function checkPartners(partners: Partner[]): void {
  if (partners.length === 0) throw new Error("sandbox: at least one partner is required");
  const ids = new Set(partners.map((p) => p.id));
  const tokens = new Set(partners.map((p) => p.token));
  if (ids.size !== partners.length || tokens.size !== partners.length) {
    throw new Error("sandbox: partner ids and tokens must be unique");
  }
  if (partners.some((p) => !p.token || !p.apiKey)) throw new Error("sandbox: every partner needs a token and an API key");
}

function originFor(host: string, port: number): string {
  // A wildcard bind address is not something a browser can open; point at loopback instead.
  const shown = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes simply match no session
  }
}

async function route(ctx: SandboxContext, req: Req, res: Res, mail: MailCatcher | null): Promise<void> {
  const path = new URL(req.url ?? "/", "http://sandbox.invalid").pathname;
  if (path.startsWith("/_sandbox/mail") && (await handleMail(mail, req, res, path.slice("/_sandbox".length)))) return;
  if (path === "/api" || path.startsWith("/api/")) return handleApi(ctx, req, res, path);
  if (path.startsWith("/verify/")) return handleVerify(ctx, req, res, safeDecode(path.slice("/verify/".length)));
  if (path === "/_sandbox" || path.startsWith("/_sandbox/")) return handleControl(ctx, req, res, path.slice("/_sandbox".length));
  if (path === "/login" && req.method === "GET") return sendHtml(res, 200, loginPage());
  if (path === "/" && req.method === "GET") return sendHtml(res, 200, indexPage());
  if (req.headers.accept?.includes("text/html")) return sendHtml(res, 404, notFoundPage());
  sendJson(res, 404, { message: "Not Found" });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const partners = opts.partners ?? defaultPartners();
  checkPartners(partners);
  const now = opts.now ?? (() => new Date());
  if (opts.dataFile) mkdirSync(dirname(opts.dataFile), { recursive: true });
  const store = new Store(opts.dataFile, now);
  const mainPartnerId = (partners.find((p) => p.id === 1) ?? partners[0]!).id;
  const seedApprovedReturnUrls = () => store.ensureApproved(mainPartnerId, opts.approvedReturnUrls ?? []);
  seedApprovedReturnUrls();
  store.save();

  const lifetime = new AbortController();
  const ctx: SandboxContext = {
    store,
    partners,
    faults: new FaultStore(),
    log: new RequestLog(),
    config: { latencyMs: 0 },
    now,
    sessionTtlSeconds: opts.sessionTtlSeconds ?? 1800,
    origin: "", // set once the port is known
    signal: lifetime.signal,
    seedApprovedReturnUrls,
  };

  const mail = opts.smtpPort === undefined ? null : await startMailCatcher(opts.smtpPort, opts.host === "0.0.0.0" ? "0.0.0.0" : "127.0.0.1");
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(ctx, req, res, mail).catch((err: unknown) => {
      if (lifetime.signal.aborted) return void req.socket.destroy(); // shutting down mid-request
      if (err instanceof PayloadTooLarge) return sendJson(res, 413, { message: "Payload Too Large" });
      console.error("[sandbox] request failed:", err);
      sendJson(res, 500, { message: "Server Error" });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = originFor(opts.host ?? "127.0.0.1", port);
  ctx.origin = (opts.publicUrl ?? url).replace(/\/+$/, "");

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      lifetime.abort(new Error("sandbox closed")); // ends held (timeout/slow) requests and latency waits
      server.close(() => void (mail ? mail.close() : Promise.resolve()).then(() => resolve()));
      for (const socket of sockets) socket.destroy(); // keep-alive and held connections
    });
    return closing;
  };

  return { url, apiBaseUrl: `${url}${API_PREFIX}`, smtpUrl: mail?.smtpUrl.replace("0.0.0.0", "127.0.0.1"), close };
}
