/**
 * /_sandbox: unauthenticated controls for tests and developers (approve return URLs, shape simulated users,
 * inject faults, read the request log). Never part of the imitated contract.
 */
import type { SandboxContext } from "./context";
import { parseFaultRule } from "./faults";
import { esc, page } from "./html";
import { type Req, type Res, parseInput, readBody, redirect, sendHtml, sendJson, wantsForm } from "./http";
import { onboardingView } from "./onboarding";
import { parseHttpUrl } from "./returnUrls";
import type { OnboardingSteps, UserRecord } from "./types";
import { registrationView } from "./views";

type ControlCall = { ctx: SandboxContext; req: Req; res: Res; input: Record<string, unknown>; params: string[] };
type ControlRoute = [method: string, pattern: RegExp, handler: (call: ControlCall) => void];

const bad = (res: Res, message: string, status = 400) => sendJson(res, status, { error: message });

function adminPage({ ctx, res }: ControlCall): void {
  const { store } = ctx;
  const registrations = store.state.returnUrls
    .map(
      (r) => `<tr><td><code>${esc(r.requestedUrl)}</code></td><td>${r.partnerId}</td>
<td><span class="status">${esc(r.status)}</span></td><td>${esc(r.requestedAt)}</td><td>${
        r.status === "approved"
          ? ""
          : `<form method="post" action="/_sandbox/return-urls/${esc(r.id)}/approve"><button class="primary" type="submit">Approve</button></form>`
      }</td></tr>`,
    )
    .join("");
  const sessions = store.state.sessions
    .slice(-50)
    .reverse()
    .map(
      (s) => `<tr><td><a href="/verify/${esc(s.id)}"><code>${esc(s.id)}</code></a></td><td>${s.partnerId}</td><td>${s.userId}</td>
<td>${esc(s.provider)}${s.idType ? ` / ${esc(s.idType)}` : ""}</td><td><span class="status">${esc(s.status)}</span></td>
<td>${esc(s.createdAt)}</td><td>${esc(s.expiresAt)}</td></tr>`,
    )
    .join("");
  const users = store.state.users
    .map((u) => {
      const o = onboardingView(u);
      const steps = Object.entries(o.steps)
        .map(([k, v]) => `${k}: ${v ? "yes" : "no"}`)
        .join(", ");
      return `<tr><td>${u.id}</td><td>${esc(u.email)}</td><td>${u.missing ? "missing" : u.simulated ? "simulated" : "created"}</td>
<td>${esc(steps)}</td><td>${u.links.map((l) => l.partnerId).join(", ")}</td></tr>`;
    })
    .join("");
  const empty = (cols: number) => `<tr><td colspan="${cols}" class="muted">None yet.</td></tr>`;
  sendHtml(
    res,
    200,
    page(
      "EasyFreelance sandbox — admin",
      `<div class="card"><h1>Sandbox admin</h1>
<p class="muted">Active faults: ${ctx.faults.list().length} &middot; added latency: ${ctx.config.latencyMs} ms &middot;
JSON: <a href="/_sandbox/state">state</a>, <a href="/_sandbox/requests">requests</a>, <a href="/_sandbox/faults">faults</a></p></div>
<div class="card"><h2>Return-URL registrations</h2><table><thead><tr><th>URL</th><th>Partner</th><th>Status</th><th>Requested</th><th></th></tr></thead>
<tbody>${registrations || empty(5)}</tbody></table></div>
<div class="card"><h2>Recent verification sessions</h2><table><thead><tr><th>Verification</th><th>Partner</th><th>User</th><th>Provider</th><th>Status</th><th>Created</th><th>Expires</th></tr></thead>
<tbody>${sessions || empty(7)}</tbody></table></div>
<div class="card"><h2>Users</h2><table><thead><tr><th>Id</th><th>Email</th><th>Kind</th><th>Onboarding steps</th><th>Linked partners</th></tr></thead>
<tbody>${users || empty(5)}</tbody></table></div>`,
    ),
  );
}

function approveRegistration({ ctx, req, res, params }: ControlCall): void {
  const registration = ctx.store.registration(params[0] ?? "");
  if (!registration) return bad(res, "Return-URL registration not found.", 404);
  ctx.store.approve(registration);
  ctx.store.save();
  if (wantsForm(req)) return redirect(res, 303, "/_sandbox");
  sendJson(res, 200, registrationView(registration));
}

/** Shortcut: register a URL for a partner, approved unless `approved: false`. */
function addRegistration({ ctx, res, input }: ControlCall): void {
  const url = input.partner_return_url;
  const partnerId = input.partner_id ?? ctx.partners[0]?.id;
  if (typeof url !== "string" || !parseHttpUrl(url)) return bad(res, "partner_return_url must be an absolute http(s) URL.");
  if (!ctx.partners.some((p) => p.id === partnerId)) return bad(res, "partner_id is not a configured partner.");
  const pid = partnerId as number;
  const registration = ctx.store.registrationFor(pid, url) ?? ctx.store.register(pid, url);
  if (input.approved !== false) ctx.store.approve(registration);
  ctx.store.save();
  sendJson(res, 201, registrationView(registration));
}

function simulatedUserView(user: UserRecord) {
  return { id: user.id, email: user.email, missing: user.missing, onboarding: onboardingView(user) };
}

function updateUser({ ctx, res, input, params }: ControlCall): void {
  const id = Number(params[0]);
  const stepKeys = ["terms", "profile", "id_verification"] as const;
  for (const key of [...stepKeys, "missing"]) {
    if (input[key] !== undefined && typeof input[key] !== "boolean") return bad(res, `${key} must be a boolean.`);
  }
  const user = ctx.store.userRecord(id) ?? ctx.store.provisionUser(id);
  if (typeof input.missing === "boolean") user.missing = input.missing;
  const patch: Partial<OnboardingSteps> = {};
  for (const key of stepKeys) if (typeof input[key] === "boolean") patch[key] = input[key] as boolean;
  ctx.store.updateSteps(user, patch);
  ctx.store.save();
  sendJson(res, 200, simulatedUserView(user));
}

/** Lets a developer expire a session without waiting (the `now` option only exists in-process). */
function expireSession({ ctx, res, params }: ControlCall): void {
  const session = ctx.store.session(params[0] ?? "");
  if (!session) return bad(res, "Verification session not found.", 404);
  if (session.status !== "pending") return bad(res, `Session is already ${session.status}.`, 409);
  session.expiresAt = ctx.now().toISOString();
  ctx.store.expireIfDue(session);
  ctx.store.save();
  sendJson(res, 200, { verification_id: session.id, status: session.status });
}

/**
 * Lands a decision on a pending session without a browser (what the provider's callback does in EasyFreelance):
 * the benchmarks time how long the portal takes to show it. `outcome`: approved, declined, cancelled or error.
 */
function decideSession({ ctx, res, params, input }: ControlCall): void {
  const session = ctx.store.session(params[0] ?? "");
  if (!session) return bad(res, "Verification session not found.", 404);
  if (ctx.store.expireIfDue(session)) ctx.store.save();
  if (session.status !== "pending") return bad(res, `Session is already ${session.status}.`, 409);
  const outcome = input.outcome;
  if (outcome !== "approved" && outcome !== "declined" && outcome !== "cancelled" && outcome !== "error") {
    return bad(res, "outcome must be one of approved, declined, cancelled, error.", 422);
  }
  ctx.store.completeSession(session, outcome);
  ctx.store.save();
  sendJson(res, 200, { verification_id: session.id, status: session.status });
}

function addFault({ ctx, res, input }: ControlCall): void {
  const rule = parseFaultRule(input);
  if (typeof rule === "string") return bad(res, rule, 422);
  const stored = ctx.faults.add(rule);
  sendJson(res, 201, stored);
}

function removeFault({ ctx, res, params }: ControlCall): void {
  if (!ctx.faults.remove(params[0] ?? "")) return bad(res, "Fault not found.", 404);
  sendJson(res, 200, { ok: true });
}

function setConfig({ ctx, res, input }: ControlCall): void {
  const latency = input.latencyMs;
  if (latency !== undefined) {
    if (typeof latency !== "number" || !Number.isSafeInteger(latency) || latency < 0 || latency > 120_000) {
      return bad(res, "latencyMs must be an integer between 0 and 120000.", 422);
    }
    ctx.config.latencyMs = latency;
  }
  sendJson(res, 200, ctx.config);
}

function resetAll({ ctx, res }: ControlCall): void {
  ctx.store.reset();
  ctx.seedApprovedReturnUrls();
  ctx.store.save();
  ctx.faults.clear();
  ctx.log.clear();
  ctx.config.latencyMs = 0;
  sendJson(res, 200, { ok: true });
}

const ROUTES: ControlRoute[] = [
  ["GET", /^$/, adminPage],
  ["GET", /^\/state$/, ({ ctx, res }) => sendJson(res, 200, ctx.store.state)],
  ["POST", /^\/reset$/, resetAll],
  ["POST", /^\/return-urls$/, addRegistration],
  ["POST", /^\/return-urls\/([^/]+)\/approve$/, approveRegistration],
  ["PUT", /^\/users\/([1-9]\d{0,14})$/, updateUser],
  ["POST", /^\/sessions\/([^/]+)\/expire$/, expireSession],
  ["POST", /^\/sessions\/([^/]+)\/decide$/, decideSession],
  ["GET", /^\/faults$/, ({ ctx, res }) => sendJson(res, 200, { faults: ctx.faults.list() })],
  ["POST", /^\/faults$/, addFault],
  ["DELETE", /^\/faults$/, ({ ctx, res }) => (ctx.faults.clear(), sendJson(res, 200, { ok: true }))],
  ["DELETE", /^\/faults\/([^/]+)$/, removeFault],
  ["GET", /^\/requests$/, ({ ctx, res }) => sendJson(res, 200, { requests: ctx.log.list() })],
  ["DELETE", /^\/requests$/, ({ ctx, res }) => (ctx.log.clear(), sendJson(res, 200, { ok: true }))],
  ["GET", /^\/config$/, ({ ctx, res }) => sendJson(res, 200, ctx.config)],
  ["POST", /^\/config$/, setConfig],
];

/** `sub` is the path after "/_sandbox" ("" for the admin page). */
export async function handleControl(ctx: SandboxContext, req: Req, res: Res, sub: string): Promise<void> {
  const method = req.method ?? "GET";
  const path = sub.replace(/\/$/, "");
  const matching = ROUTES.filter(([, pattern]) => pattern.test(path));
  if (matching.length === 0) return bad(res, "Unknown sandbox control route.", 404);
  const route = matching.find(([m]) => m === method);
  if (!route) return sendJson(res, 405, { error: "Method not allowed." }, { Allow: matching.map(([m]) => m).join(", ") });
  const raw = await readBody(req);
  const params = route[1].exec(path)!.slice(1);
  route[2]({ ctx, req, res, input: parseInput(req, raw), params });
}
