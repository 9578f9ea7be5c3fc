/** The partner API under /api/v1, imitating docs/easyfreelance-api.md. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { SandboxContext } from "./context";
import { SESSION_NOT_FOUND, SESSION_OTHER_PARTNER, notFound, serverError, unauthenticated, validationFailed } from "./errors";
import { type Endpoint, type FaultTarget, applyFault, parseFaultHeader } from "./faults";
import { PayloadTooLarge, type Req, type Res, laravelInput, parseInput, readBody, sendJson, sleep } from "./http";
import { matchesApprovedBase, parseHttpUrl } from "./returnUrls";
import { ID_TYPES, type IdType, PROVIDERS, type Partner, type Provider } from "./types";
import { Validator } from "./validation";
import { createdUserView, flowCreatedView, registrationView, sessionStatusView, userView } from "./views";

export const API_PREFIX = "/api/v1";

type ApiCall = { ctx: SandboxContext; res: Res; partner: Partner; input: Record<string, unknown>; params: string[] };

type Route = {
  endpoint: Endpoint;
  method: "GET" | "POST";
  // Like a Laravel route constraint: an id that is not a positive integer does not match, so it is a 404.
  pattern: RegExp;
  target: (params: string[]) => FaultTarget;
  handle: (call: ApiCall) => void;
};

const ROUTES: Route[] = [
  {
    endpoint: "flows",
    method: "POST",
    pattern: /^\/users\/([1-9]\d{0,14})\/verification\/flows$/,
    target: ([id]) => ({ endpoint: "flows", userId: Number(id) }),
    handle: startFlow,
  },
  {
    endpoint: "status",
    method: "GET",
    pattern: /^\/verification\/status\/([^/]+)$/,
    target: ([id]) => ({ endpoint: "status", verificationId: id }),
    handle: sessionStatus,
  },
  {
    endpoint: "return_urls",
    method: "POST",
    pattern: /^\/verification-return-urls$/,
    target: () => ({ endpoint: "return_urls" }),
    handle: registerReturnUrl,
  },
  {
    endpoint: "users",
    method: "POST",
    pattern: /^\/users$/,
    target: () => ({ endpoint: "users" }),
    handle: createOrLinkUser,
  },
  {
    endpoint: "user",
    method: "GET",
    pattern: /^\/users\/([1-9]\d{0,14})$/,
    target: ([id]) => ({ endpoint: "user", userId: Number(id) }),
    handle: showUser,
  },
];

// ---- handlers ----

function startFlow({ ctx, res, partner, input, params }: ApiCall): void {
  const { store } = ctx;
  const userId = Number(params[0]);
  // Route-model binding runs before validation in Laravel, so an unknown user is a 404 even with a bad body.
  if (store.userRecord(userId)?.missing) return notFound(res);

  const v = new Validator(input);
  if (v.required("provider")) v.in("provider", PROVIDERS);
  if (input.provider === "veriff" && !v.present("id_type")) {
    v.fail("id_type", "The id type field is required when provider is veriff.");
  } else if (v.present("id_type")) {
    v.in("id_type", ID_TYPES);
  }
  if (v.required("partner_return_url") && v.string("partner_return_url") && v.max("partner_return_url", 2048)) {
    const url = input.partner_return_url as string;
    if (!store.approvedBases(partner.id).some((base) => matchesApprovedBase(url, base))) {
      v.fail("partner_return_url", "The partner return url is not an approved return URL.");
    }
  }
  if (!v.passed) return validationFailed(res, v.errors);

  const provider = input.provider as Provider;
  const user = store.user(userId) ?? store.provisionUser(userId);
  store.link(user, partner.id, undefined);
  const session = store.createSession({
    partnerId: partner.id,
    userId,
    provider,
    idType: provider === "veriff" ? (input.id_type as IdType) : null,
    partnerReturnUrl: input.partner_return_url as string,
    ttlSeconds: ctx.sessionTtlSeconds,
  });
  store.save();
  sendJson(res, 201, flowCreatedView(session, ctx.origin));
}

function sessionStatus({ ctx, res, partner, params }: ApiCall): void {
  const session = ctx.store.session(params[0] ?? "");
  if (!session) return sendJson(res, 404, { error: SESSION_NOT_FOUND });
  if (session.partnerId !== partner.id) return sendJson(res, 403, { error: SESSION_OTHER_PARTNER });
  if (ctx.store.expireIfDue(session)) ctx.store.save();
  sendJson(res, 200, sessionStatusView(session, ctx.store));
}

function registerReturnUrl({ ctx, res, partner, input }: ApiCall): void {
  const v = new Validator(input);
  const field = "partner_return_url";
  if (v.required(field) && v.string(field) && v.max(field, 2048) && !parseHttpUrl(input[field] as string)) {
    v.fail(field, "The partner return url field must be a valid URL.");
  }
  if (!v.passed) return validationFailed(res, v.errors);

  const url = input[field] as string;
  // Registering the same URL again returns the existing registration (approved or still pending).
  let registration = ctx.store.registrationFor(partner.id, url);
  if (!registration) {
    registration = ctx.store.register(partner.id, url);
    ctx.store.save();
  }
  sendJson(res, 201, registrationView(registration));
}

const PHONE = /^[0-9]{4,15}$/;
const BANK_FIELDS = ["bank_account_number", "bank_iban_number", "bank_bic_number"] as const;

function validateUser(v: Validator): void {
  if (v.required("email") && v.string("email") && v.max("email", 254)) v.email("email");
  if (v.present("internal_id")) v.integer("internal_id");
  v.optionalString("first_name", 254);
  v.optionalString("last_name", 254);
  v.optionalString("address", 255);
  v.optionalString("city", 255);
  v.optionalString("postal_code", 10);
  if (v.present("phone")) v.regex("phone", PHONE);
  if (v.present("main_work")) v.boolean("main_work");
  v.optionalString("note", 4096);
  for (const field of BANK_FIELDS) v.optionalString(field, 255);
  const [account, iban, bic] = BANK_FIELDS.map((f) => v.present(f));
  if (account && (iban || bic)) {
    v.fail("bank_account_number", "The bank account number field prohibits bank iban number / bank bic number from being present.");
  }
  if (iban && !bic) v.fail("bank_bic_number", "The bank bic number field is required when bank iban number is present.");
  if (bic && !iban) v.fail("bank_iban_number", "The bank iban number field is required when bank bic number is present.");
}

function createOrLinkUser({ ctx, res, partner, input }: ApiCall): void {
  const { store } = ctx;
  const v = new Validator(input);
  validateUser(v);
  if (!v.passed) return validationFailed(res, v.errors);

  const str = (field: string) => (input[field] == null ? null : String(input[field]));
  // undefined = not sent (keep the link's current internal id when linking); null = explicitly cleared.
  const internalId = input.internal_id === undefined ? undefined : input.internal_id === null ? null : Number(input.internal_id);
  const existing = store.userByEmail(input.email as string);
  if (internalId != null && store.internalIdTaken(partner.id, internalId, existing?.id)) {
    return validationFailed(res, { internal_id: ["The internal id has already been taken."] });
  }

  if (existing) {
    // Only email and internal_id are used when linking an existing user (docs/easyfreelance-api.md, "Create or link an employee").
    store.link(existing, partner.id, internalId);
    store.save();
    return sendJson(res, 200, createdUserView(existing, partner.id));
  }
  const user = store.createUser({
    email: input.email as string,
    firstName: str("first_name"),
    lastName: str("last_name"),
    phone: str("phone"),
    address: str("address"),
    city: str("city"),
    postalCode: str("postal_code"),
    mainWork: [true, 1, "1"].includes(input.main_work as never),
    note: str("note"),
    bankAccountNumber: str("bank_account_number"),
    bankIbanNumber: str("bank_iban_number"),
    bankBicNumber: str("bank_bic_number"),
  });
  store.link(user, partner.id, internalId);
  store.save();
  sendJson(res, 201, createdUserView(user, partner.id));
}

function showUser({ ctx, res, partner, params }: ApiCall): void {
  const user = ctx.store.user(Number(params[0]));
  if (!user || !ctx.store.linkOf(user, partner.id)) return notFound(res);
  sendJson(res, 200, userView(user, partner.id));
}

// ---- pipeline: route → auth → fault → handler ----

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Both secrets must belong to the same partner; compared in constant time. */
function authenticate(req: Req, partners: Partner[]): Partner | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  const apiKey = req.headers["api-key"];
  if (!bearer || typeof apiKey !== "string") return undefined;
  const token = digest(bearer);
  const key = digest(apiKey.trim());
  return partners.find((p) => timingSafeEqual(digest(p.token), token) && timingSafeEqual(digest(p.apiKey), key));
}

const RATE_LIMIT = 60;
const windows = new WeakMap<SandboxContext, Map<string, { start: number; count: number }>>();

/** Laravel-style X-RateLimit headers. Informational only: real 429s come from the rate_limited fault. */
function setRateLimitHeaders(ctx: SandboxContext, res: Res, key: string): void {
  const byKey = windows.get(ctx) ?? new Map();
  windows.set(ctx, byKey);
  const now = ctx.now().getTime();
  let window = byKey.get(key);
  if (!window || now - window.start >= 60_000) window = { start: now, count: 0 };
  window.count += 1;
  byKey.set(key, window);
  res.setHeader("X-RateLimit-Limit", String(RATE_LIMIT));
  res.setHeader("X-RateLimit-Remaining", String(Math.max(0, RATE_LIMIT - window.count)));
}

function findRoute(path: string, method: string): { route: Route; params: string[] } | "not_found" | string[] {
  const matching = ROUTES.map((route) => ({ route, m: route.pattern.exec(path) })).filter((x) => x.m !== null);
  if (matching.length === 0) return "not_found";
  const hit = matching.find((x) => x.route.method === method);
  if (!hit) return matching.map((x) => x.route.method);
  return { route: hit.route, params: hit.m!.slice(1) };
}

/** `path` is the full request path; anything under /api that is not /api/v1/<route> is a 404. */
export async function handleApi(ctx: SandboxContext, req: Req, res: Res, path: string): Promise<void> {
  const method = req.method ?? "GET";
  const entry = ctx.log.start(method, path, ctx.now());
  const started = Date.now();
  res.once("finish", () => {
    entry.status = res.statusCode;
    entry.durationMs = Date.now() - started;
  });

  let raw: string;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof PayloadTooLarge) return sendJson(res, 413, { message: "Payload Too Large" });
    throw err;
  }
  if (ctx.config.latencyMs > 0) await sleep(ctx.config.latencyMs, ctx.signal);

  const partner = authenticate(req, ctx.partners);
  entry.partnerId = partner?.id ?? null;
  setRateLimitHeaders(ctx, res, partner ? `partner:${partner.id}` : `ip:${req.socket.remoteAddress}`);

  const sub = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : null;
  const found = sub === null ? "not_found" : findRoute(sub, method);
  if (found === "not_found") return notFound(res);
  if (Array.isArray(found)) {
    return sendJson(
      res,
      405,
      { message: `The ${method} method is not supported for route ${path.slice(1)}. Supported methods: ${found.join(", ")}.` },
      { Allow: found.join(", ") },
    );
  }
  entry.endpoint = found.route.endpoint;
  if (!partner) return unauthenticated(req, res, ctx.origin);

  const headerFault = parseFaultHeader(req.headers["x-sandbox-fault"]);
  if (typeof headerFault === "string") return sendJson(res, 400, { message: headerFault, sandbox: true });
  const fault = headerFault ?? ctx.faults.take(found.route.target(found.params));
  if (fault) {
    entry.fault = fault.kind;
    const outcome = await applyFault({ origin: ctx.origin, signal: ctx.signal }, req, res, found.route.endpoint, fault);
    if (outcome === "handled") return;
  }

  try {
    found.route.handle({ ctx, res, partner, input: laravelInput(parseInput(req, raw)), params: found.params });
  } catch (err) {
    console.error("[sandbox] API handler failed:", err);
    serverError(res);
  }
}
