/** Hosted HTML pages: the verification "bouncer", and the login page Laravel redirects unauthenticated calls to. */
import { randomBytes } from "node:crypto";
import type { SandboxContext } from "./context";
import { esc, notFoundPage, page } from "./html";
import { type Req, type Res, parseInput, readBody, redirect, sendHtml } from "./http";
import type { SessionRecord, SessionStatus } from "./types";

const OUTCOMES: Record<string, Exclude<SessionStatus, "pending" | "expired">> = {
  approve: "approved",
  decline: "declined",
  cancel: "cancelled",
  error: "error",
};

const PROVIDER_NAMES = { veriff: "Veriff", bankid: "BankID" } as const;

/**
 * Where the bouncer sends the user back. EasyFreelance "may append query parameters of its choosing", so we
 * append several (including a random nonce) to make sure the portal ignores them and polls for the result.
 */
function returnLocation(session: SessionRecord): string {
  const hashAt = session.partnerReturnUrl.indexOf("#");
  const base = hashAt === -1 ? session.partnerReturnUrl : session.partnerReturnUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : session.partnerReturnUrl.slice(hashAt);
  const params = new URLSearchParams({
    verification_id: session.id,
    status: session.status,
    provider: session.provider,
    lang: "nb",
    ef_nonce: randomBytes(8).toString("hex"),
  });
  const separator = !base.includes("?") ? "?" : /[?&]$/.test(base) ? "" : "&";
  return `${base}${separator}${params}${hash}`;
}

function pendingPage(session: SessionRecord): string {
  const name = PROVIDER_NAMES[session.provider];
  const idType =
    session.idType === null
      ? ""
      : `<dt>ID type</dt><dd>${esc(session.idType)} (${session.idType === "local" ? "Norwegian ID documents only" : "non-Norwegian ID documents only"})</dd>`;
  return page(
    `${name} (sandbox)`,
    `<div class="card">
<h1>${esc(name)} (sandbox)</h1>
<p>Pretend to be the employee: choose how the identity check ends. You will then be sent back to the partner.</p>
<dl><dt>Verification</dt><dd><code>${esc(session.id)}</code></dd>${idType}
<dt>Employee (user id)</dt><dd>${esc(session.userId)}</dd>
<dt>Expires</dt><dd>${esc(session.expiresAt)}</dd>
<dt>Returns to</dt><dd><code>${esc(session.partnerReturnUrl)}</code></dd></dl>
<form method="post" action="/verify/${esc(session.id)}">
<button class="primary" type="submit" name="outcome" value="approve">Approve</button>
<button type="submit" name="outcome" value="decline">Decline</button>
<button type="submit" name="outcome" value="cancel">Cancel</button>
<button class="danger" type="submit" name="outcome" value="error">Provider error</button>
</form></div>`,
  );
}

function terminalPage(session: SessionRecord): string {
  const name = PROVIDER_NAMES[session.provider];
  const heading = session.status === "expired" ? "This verification has expired" : "This verification is finished";
  return page(
    `${name} (sandbox) — ${session.status}`,
    `<div class="card">
<h1>${esc(heading)}</h1>
<p>${esc(name)} (sandbox) &middot; status: <span class="status" data-status="${esc(session.status)}">${esc(session.status)}</span></p>
<p><a href="${esc(returnLocation(session))}">Return to the partner</a></p></div>`,
  );
}

function messagePage(title: string, message: string): string {
  return page(title, `<div class="card"><h1>${esc(title)}</h1><p>${esc(message)}</p></div>`);
}

/** GET/POST /verify/{id}. No API auth: the end user's browser opens this page. */
export async function handleVerify(ctx: SandboxContext, req: Req, res: Res, id: string): Promise<void> {
  const { store } = ctx;
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "POST") {
    return sendHtml(res, 405, messagePage("405 Method Not Allowed", "Use GET or POST."), { Allow: "GET, POST" });
  }
  const raw = method === "POST" ? await readBody(req) : "";
  const session = store.session(id);
  if (!session) return sendHtml(res, 404, notFoundPage("Verification session"));
  if (store.expireIfDue(session)) store.save();

  if (method === "GET") {
    return sendHtml(res, 200, session.status === "pending" ? pendingPage(session) : terminalPage(session));
  }
  if (session.status === "expired") return sendHtml(res, 200, terminalPage(session));
  // A re-submitted form (back button) does not change a finished session; send the user back with its real status.
  if (session.status !== "pending") return redirect(res, 303, returnLocation(session));

  const outcome = OUTCOMES[String(parseInput(req, raw).outcome ?? "")];
  if (!outcome) {
    return sendHtml(res, 400, messagePage("400 Bad Request", "outcome must be one of approve, decline, cancel, error."));
  }
  store.completeSession(session, outcome);
  store.save();
  redirect(res, 303, returnLocation(session));
}

export function loginPage(): string {
  return page(
    "EasyFreelance — Log in",
    `<div class="card"><h1>Log in</h1>
<p>This is where Laravel sends a request that failed authentication without <code>Accept: application/json</code>.
An API client that lands here followed a redirect it should have treated as an error.</p></div>`,
  );
}

export function indexPage(): string {
  return page(
    "EasyFreelance sandbox",
    `<div class="card"><h1>EasyFreelance sandbox</h1>
<p>API base: <code>/api/v1</code>. Admin and fault controls: <a href="/_sandbox">/_sandbox</a>.</p></div>`,
  );
}
