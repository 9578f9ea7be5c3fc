import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox, type SandboxOptions } from "../../sandbox/server";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const RETURN_BASE = "http://portal.test/return";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const PARTNER_1: Record<string, string> = {
  Authorization: `Bearer ${SANDBOX_DEFAULTS.token}`,
  "API-key": SANDBOX_DEFAULTS.apiKey,
  Accept: "application/json",
};
const PARTNER_2: Record<string, string> = {
  Authorization: `Bearer ${SANDBOX_DEFAULTS.otherPartnerToken}`,
  "API-key": SANDBOX_DEFAULTS.otherPartnerApiKey,
  Accept: "application/json",
};

function tempDataFile(): string {
  return join(mkdtempSync(join(tmpdir(), "ef-sandbox-test-")), "nested", "state.json");
}

async function start(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, dataFile: tempDataFile(), approvedReturnUrls: [RETURN_BASE], ...opts });
}

// Answers are checked field by field with expect(), so an untyped body keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

type Answer = { status: number; headers: Headers; text: string; body: Json };

async function call(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = PARTNER_1,
  init: RequestInit = {},
): Promise<Answer> {
  const res = await fetch(`${sb.apiBaseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
    ...init,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

async function control(sb: Sandbox, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${sb.url}/_sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} /_sandbox${path}`).toBeLessThan(300);
  return res.json();
}

function startFlow(sb: Sandbox, userId: number | string, body: Record<string, unknown>, headers = PARTNER_1) {
  return call(sb, "POST", `/users/${userId}/verification/flows`, body, headers);
}

const veriff = (url = `${RETURN_BASE}/abc123`) => ({ provider: "veriff", id_type: "local", partner_return_url: url });

/** The end user's choice on the hosted page; returns the 303 answer. */
async function chooseOutcome(sb: Sandbox, verificationId: string, outcome: string): Promise<Response> {
  return fetch(`${sb.url}/verify/${verificationId}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: "manual",
  });
}

describe("EasyFreelance sandbox", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    await control(sb, "DELETE", "/faults");
  });

  describe("authentication and routing", () => {
    it("answers a bad or missing credential with a JSON 401 when JSON is accepted", async () => {
      const cases: Array<Record<string, string>> = [
        { Accept: "application/json" },
        { ...PARTNER_1, "API-key": SANDBOX_DEFAULTS.otherPartnerApiKey }, // secrets of two different partners
        { ...PARTNER_1, Authorization: "Bearer wrong" },
        { ...PARTNER_1, Authorization: SANDBOX_DEFAULTS.token }, // no "Bearer"
      ];
      for (const headers of cases) {
        const res = await call(sb, "GET", "/users/1", undefined, headers);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ message: "Unauthenticated." });
        expect(res.headers.get("x-ratelimit-limit")).toBeTruthy();
      }
    });

    it("redirects an auth failure to /login, like Laravel, when the client does not ask for JSON", async () => {
      const res = await call(sb, "GET", "/users/1", undefined, { Authorization: "Bearer wrong", "API-key": "x" });
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location")!, sb.url).pathname).toBe("/login");
      expect(res.headers.get("content-type")).toContain("text/html");
      // Following it lands on an HTML page with 200: the trap a client must avoid.
      const login = await fetch(`${sb.url}/login`);
      expect(login.status).toBe(200);
      expect(login.headers.get("content-type")).toContain("text/html");
    });

    it("gives 404 for unknown routes and non-integer ids, 405 for a wrong method", async () => {
      for (const path of ["/nope", "/users/abc/verification/flows", "/users/0/verification/flows", "/users/1.5"]) {
        const res = path.endsWith("flows") ? await call(sb, "POST", path, {}) : await call(sb, "GET", path);
        expect(res.status, path).toBe(404);
        expect(res.body).toEqual({ message: "Not Found" });
      }
      const res = await call(sb, "GET", "/verification-return-urls");
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(typeof res.body.message).toBe("string");
    });

    it("sends rate-limit headers on API answers", async () => {
      const res = await call(sb, "GET", "/verification/status/00000000-0000-4000-8000-000000000000");
      expect(Number(res.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
      expect(res.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
    });
  });

  describe("POST /users/{id}/verification/flows validation", () => {
    it("requires id_type for Veriff", async () => {
      const res = await startFlow(sb, 5, { provider: "veriff", partner_return_url: RETURN_BASE });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        message: "The id type field is required when provider is veriff.",
        errors: { id_type: ["The id type field is required when provider is veriff."] },
      });
    });

    it("summarises several errors like Laravel", async () => {
      const res = await startFlow(sb, 5, {});
      expect(res.status).toBe(422);
      expect(res.body.message).toBe("The provider field is required. (and 1 more error)");
      expect(res.body.errors).toEqual({
        provider: ["The provider field is required."],
        partner_return_url: ["The partner return url field is required."],
      });
      const bad = await startFlow(sb, 5, { provider: "mitid", id_type: "passport", partner_return_url: "x".repeat(2049) });
      expect(bad.body.message).toBe("The selected provider is invalid. (and 2 more errors)");
      expect(bad.body.errors.id_type).toEqual(["The selected id type is invalid."]);
      expect(bad.body.errors.partner_return_url).toEqual(["The partner return url field must not be greater than 2048 characters."]);
    });

    it("accepts the approved base and base + path segments, rejects anything else", async () => {
      const accepted = [RETURN_BASE, `${RETURN_BASE}/abc`, `${RETURN_BASE}/abc/def-123_x`];
      for (const url of accepted) {
        const res = await startFlow(sb, 5, veriff(url));
        expect(res.status, url).toBe(201);
      }
      const rejected = [
        `${RETURN_BASE}?ref=1`,
        `${RETURN_BASE}/abc?ref=1`,
        `${RETURN_BASE}/abc#x`,
        `${RETURN_BASE}/`,
        `${RETURN_BASE}//abc`,
        `${RETURN_BASE}/../admin`,
        `${RETURN_BASE}/%2e%2e/admin`,
        `${RETURN_BASE}x`,
        "http://portal.test.evil.example/return/abc",
        "http://evil.example/return/abc",
        "https://portal.test/return/abc",
        "http://portal.test/other",
      ];
      for (const url of rejected) {
        const res = await startFlow(sb, 5, veriff(url));
        expect(res.status, url).toBe(422);
        expect(res.body).toEqual({
          message: "The partner return url is not an approved return URL.",
          errors: { partner_return_url: ["The partner return url is not an approved return URL."] },
        });
      }
    });

    it("does not accept another partner's approved URL", async () => {
      const res = await startFlow(sb, 5, veriff(), PARTNER_2);
      expect(res.status).toBe(422);
      expect(res.body.errors.partner_return_url).toEqual(["The partner return url is not an approved return URL."]);
    });

    it("ignores unknown request fields and makes a new session on every POST", async () => {
      const a = await startFlow(sb, 6, { ...veriff(), surprise: "ignored" });
      const b = await startFlow(sb, 6, veriff());
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.verification_id).not.toBe(b.body.verification_id);
    });
  });

  describe("a full verification", () => {
    it("goes pending → hosted page → 303 back with extra parameters → approved with onboarding", async () => {
      const created = await startFlow(sb, 42, veriff(`${RETURN_BASE}/ref-42`));
      expect(created.status).toBe(201);
      const id: string = created.body.verification_id;
      expect(id).toMatch(UUID_V4);
      expect(created.body).toMatchObject({
        provider: "veriff",
        status: "pending",
        verification_url: `${sb.url}/verify/${id}`,
        status_check_url: `${sb.apiBaseUrl}/verification/status/${id}`,
        sandbox: true,
      });
      const ttl = Date.parse(created.body.expires_at) - Date.now();
      expect(ttl).toBeGreaterThan(1790_000);
      expect(ttl).toBeLessThanOrEqual(1800_000);

      const pending = await call(sb, "GET", `/verification/status/${id}`);
      expect(pending.status).toBe(200);
      expect(pending.body).toMatchObject({
        verification_id: id,
        user_id: 42,
        provider: "veriff",
        id_type: "local",
        status: "pending",
        completed_at: null,
        next_action: "continue_verification",
        onboarding: {
          steps: { terms: true, profile: true, id_verification: false },
          missing_steps: ["id_verification"],
          is_onboarded: false,
        },
      });
      const versionBefore: number = pending.body.onboarding.status_version;
      expect(Number.isInteger(versionBefore)).toBe(true);
      expect(Date.parse(pending.body.onboarding.evaluated_at)).not.toBeNaN();

      const pageRes = await fetch(created.body.verification_url);
      const html = await pageRes.text();
      expect(pageRes.status).toBe(200);
      expect(pageRes.headers.get("content-type")).toContain("text/html");
      expect(html).toContain("<h1>Veriff (sandbox)</h1>");
      expect(html).toContain("local");
      for (const label of ["Approve", "Decline", "Cancel", "Provider error"]) expect(html).toContain(`>${label}</button>`);

      const back = await chooseOutcome(sb, id, "approve");
      expect(back.status).toBe(303);
      const location = new URL(back.headers.get("location")!);
      expect(`${location.origin}${location.pathname}`).toBe(`${RETURN_BASE}/ref-42`);
      expect(location.searchParams.get("verification_id")).toBe(id);
      expect(location.searchParams.get("status")).toBe("approved");
      expect(location.searchParams.get("provider")).toBe("veriff");
      expect(location.searchParams.get("lang")).toBe("nb");
      expect(location.searchParams.get("ef_nonce")).toMatch(/^[0-9a-f]{16}$/);

      const approved = await call(sb, "GET", `/verification/status/${id}`);
      expect(approved.body).toMatchObject({
        status: "approved",
        next_action: "redirect_to_partner",
        onboarding: { steps: { id_verification: true }, missing_steps: [], is_onboarded: true },
      });
      expect(Date.parse(approved.body.completed_at)).not.toBeNaN();
      expect(approved.body.onboarding.status_version).toBeGreaterThan(versionBefore);

      // Finished: the page shows the status, and a second submission changes nothing.
      const done = await (await fetch(created.body.verification_url)).text();
      expect(done).toContain("approved");
      expect(done).not.toContain(">Approve</button>");
      const again = await chooseOutcome(sb, id, "decline");
      expect(again.status).toBe(303);
      expect(new URL(again.headers.get("location")!).searchParams.get("status")).toBe("approved");
      expect((await call(sb, "GET", `/verification/status/${id}`)).body.status).toBe("approved");
    });

    it("maps every outcome to its status and next_action", async () => {
      const expected = {
        decline: ["declined", "retry"],
        cancel: ["cancelled", "redirect_to_partner"],
        error: ["error", "show_error"],
      } as const;
      for (const [outcome, [status, nextAction]] of Object.entries(expected)) {
        const created = await startFlow(sb, 43, { provider: "bankid", partner_return_url: RETURN_BASE });
        const back = await chooseOutcome(sb, created.body.verification_id, outcome);
        expect(back.status).toBe(303);
        expect(new URL(back.headers.get("location")!).searchParams.get("status")).toBe(status);
        const res = await call(sb, "GET", `/verification/status/${created.body.verification_id}`);
        expect(res.body).toMatchObject({ status, next_action: nextAction, id_type: null, provider: "bankid" });
        expect(res.body.onboarding.steps.id_verification).toBe(false);
      }
    });

    it("shows BankID's page, rejects a bad outcome and 404s an unknown session", async () => {
      const created = await startFlow(sb, 44, { provider: "bankid", id_type: "local", partner_return_url: RETURN_BASE });
      expect(created.status).toBe(201);
      const html = await (await fetch(created.body.verification_url)).text();
      expect(html).toContain("<h1>BankID (sandbox)</h1>");
      expect((await chooseOutcome(sb, created.body.verification_id, "win")).status).toBe(400);
      const status = await call(sb, "GET", `/verification/status/${created.body.verification_id}`);
      expect(status.body).toMatchObject({ status: "pending", id_type: null });
      const missing = await fetch(`${sb.url}/verify/00000000-0000-4000-8000-000000000000`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toContain("text/html");
    });

    it("appends to an existing query string with &", async () => {
      const base = "http://portal.test/cb?tenant=7";
      await control(sb, "POST", "/return-urls", { partner_return_url: base });
      const created = await startFlow(sb, 45, veriff(base));
      expect(created.status).toBe(201);
      const back = await chooseOutcome(sb, created.body.verification_id, "approve");
      const location = back.headers.get("location")!;
      expect(location.startsWith(`${base}&verification_id=`)).toBe(true);
      expect(new URL(location).searchParams.get("tenant")).toBe("7");
    });
  });

  describe("GET /verification/status/{id} errors", () => {
    it("answers 403 for another partner's session and 404 for an unknown one, with {error}", async () => {
      const created = await startFlow(sb, 50, veriff());
      const other = await call(sb, "GET", `/verification/status/${created.body.verification_id}`, undefined, PARTNER_2);
      expect(other.status).toBe(403);
      expect(other.body).toEqual({ error: "This verification session belongs to another partner." });
      const unknown = await call(sb, "GET", "/verification/status/00000000-0000-4000-8000-000000000000");
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: "Verification session not found." });
    });
  });

  describe("return-URL registration", () => {
    it("is pending until approved through the control API", async () => {
      const url = "https://partner.example/ef/return";
      const reg = await call(sb, "POST", "/verification-return-urls", { partner_return_url: url });
      expect(reg.status).toBe(201);
      expect(reg.body).toMatchObject({
        partner_id: 1,
        status: "pending",
        requested_url: url,
        normalized_host: "partner.example",
        normalized_scheme: "https",
        normalized_path_prefix: "/ef/return",
      });
      expect(reg.body.id).toMatch(UUID_V4);
      expect(Date.parse(reg.body.requested_at)).not.toBeNaN();

      const refused = await startFlow(sb, 60, veriff(`${url}/x`));
      expect(refused.status).toBe(422);
      expect(refused.body.errors.partner_return_url).toEqual(["The partner return url is not an approved return URL."]);

      const approved = await control(sb, "POST", `/return-urls/${reg.body.id}/approve`);
      expect(approved.status).toBe("approved");
      expect((await startFlow(sb, 60, veriff(`${url}/x`))).status).toBe(201);

      const again = await call(sb, "POST", "/verification-return-urls", { partner_return_url: url });
      expect(again.body).toMatchObject({ id: reg.body.id, status: "approved" });
    });

    it("approves from the admin page's form with a 303 back to it", async () => {
      const reg = await call(sb, "POST", "/verification-return-urls", { partner_return_url: "http://localhost:3999/return" });
      const admin = await (await fetch(`${sb.url}/_sandbox`)).text();
      expect(admin).toContain("http://localhost:3999/return");
      expect(admin).toContain(`action="/_sandbox/return-urls/${reg.body.id}/approve"`);
      const res = await fetch(`${sb.url}/_sandbox/return-urls/${reg.body.id}/approve`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "",
        redirect: "manual",
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/_sandbox");
      const state = await control(sb, "GET", "/state");
      expect(state.returnUrls.find((r: { id: string }) => r.id === reg.body.id).status).toBe("approved");
    });

    it("validates the URL", async () => {
      const cases: Array<[unknown, string]> = [
        [{}, "The partner return url field is required."],
        [{ partner_return_url: "not a url" }, "The partner return url field must be a valid URL."],
        [{ partner_return_url: "ftp://partner.example/x" }, "The partner return url field must be a valid URL."],
        [{ partner_return_url: "/relative/path" }, "The partner return url field must be a valid URL."],
        [{ partner_return_url: 42 }, "The partner return url field must be a string."],
        [{ partner_return_url: `https://p.example/${"a".repeat(2048)}` }, "The partner return url field must not be greater than 2048 characters."],
      ];
      for (const [body, message] of cases) {
        const res = await call(sb, "POST", "/verification-return-urls", body);
        expect(res.status).toBe(422);
        expect(res.body).toEqual({ message, errors: { partner_return_url: [message] } });
      }
    });
  });

  describe("POST /users and GET /users/{id}", () => {
    it("creates, then links by email; ids and onboarding come in both documented shapes", async () => {
      const created = await call(sb, "POST", "/users", {
        email: "Kari.Nordmann@example.no",
        internal_id: 501,
        first_name: "Kari",
        last_name: "Nordmann",
        phone: "4791234567",
        main_work: true,
        bank_account_number: "12345678903",
        unknown_field: "ignored",
      });
      expect(created.status).toBe(201);
      expect(typeof created.body.id).toBe("string");
      expect(created.body).toMatchObject({
        email: "Kari.Nordmann@example.no",
        internal_id: "501",
        name: "Kari Nordmann",
        first_name: "Kari",
        phone: "4791234567",
        main_work: "true",
        bank_account_number: "12345678903",
        bank_iban_number: null,
        bank_bic_number: null,
        sandbox: true,
      });
      expect(typeof created.body.onboarding).toBe("string");
      expect(JSON.parse(created.body.onboarding)).toMatchObject({ steps: { id_verification: false }, is_onboarded: false });
      const id = Number(created.body.id);

      const shown = await call(sb, "GET", `/users/${id}`);
      expect(shown.status).toBe(200);
      expect(shown.body.id).toBe(id);
      expect(shown.body.internal_id).toBe("501");
      expect(shown.body.onboarding).toMatchObject({ steps: { id_verification: false }, missing_steps: ["id_verification"] });

      // Partner 2 cannot see it until it links the same email.
      expect((await call(sb, "GET", `/users/${id}`, undefined, PARTNER_2)).status).toBe(404);
      const linked = await call(sb, "POST", "/users", { email: "kari.nordmann@EXAMPLE.no", internal_id: "501", first_name: "Other" }, PARTNER_2);
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ id: String(id), first_name: "Kari", internal_id: "501" });
      expect((await call(sb, "GET", `/users/${id}`, undefined, PARTNER_2)).status).toBe(200);

      // The same employee id twice for one partner is a conflict.
      const conflict = await call(sb, "POST", "/users", { email: "someone.else@example.no", internal_id: 501 });
      expect(conflict.status).toBe(422);
      expect(conflict.body).toEqual({
        message: "The internal id has already been taken.",
        errors: { internal_id: ["The internal id has already been taken."] },
      });
    });

    it("validates fields with Laravel's messages", async () => {
      const res = await call(sb, "POST", "/users", {
        email: "not-an-email",
        internal_id: "abc",
        phone: "12ab",
        postal_code: "12345678901",
        note: "n".repeat(4097),
        main_work: "yes",
        bank_account_number: "12345678903",
        bank_iban_number: "NO9386011117947",
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual({
        email: ["The email field must be a valid email address."],
        internal_id: ["The internal id field must be an integer."],
        postal_code: ["The postal code field must not be greater than 10 characters."],
        phone: ["The phone field format is invalid."],
        main_work: ["The main work field must be true or false."],
        note: ["The note field must not be greater than 4096 characters."],
        bank_account_number: ["The bank account number field prohibits bank iban number / bank bic number from being present."],
        bank_bic_number: ["The bank bic number field is required when bank iban number is present."],
      });
      expect(res.body.message).toBe("The email field must be a valid email address. (and 7 more errors)");

      const missing = await call(sb, "POST", "/users", { bank_bic_number: "DNBANOKK" });
      expect(missing.body.errors).toEqual({
        email: ["The email field is required."],
        bank_iban_number: ["The bank iban number field is required when bank bic number is present."],
      });
      const iban = await call(sb, "POST", "/users", {
        email: "iban@example.no",
        bank_iban_number: "DE89370400440532013000",
        bank_bic_number: "COBADEFFXXX",
      });
      expect(iban.status).toBe(201);
      expect(iban.body).toMatchObject({ internal_id: null, main_work: "false", bank_iban_number: "DE89370400440532013000" });
    });

    it("404s an unknown user", async () => {
      const res = await call(sb, "GET", "/users/987654");
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: "Not Found" });
    });
  });

  describe("simulated users", () => {
    it("auto-provisions unknown ids with a sandbox email", async () => {
      await startFlow(sb, 70, veriff());
      const res = await call(sb, "GET", "/users/70");
      expect(res.body).toMatchObject({ id: 70, email: "user70@sandbox.invalid" });
    });

    it("keeps missing steps after approval when terms are not accepted", async () => {
      await control(sb, "PUT", "/users/71", { terms: false });
      const created = await startFlow(sb, 71, veriff());
      await chooseOutcome(sb, created.body.verification_id, "approve");
      const res = await call(sb, "GET", `/verification/status/${created.body.verification_id}`);
      expect(res.body.status).toBe("approved");
      expect(res.body.onboarding).toMatchObject({
        steps: { terms: false, profile: true, id_verification: true },
        missing_steps: ["terms"],
        is_onboarded: false,
      });
    });

    it("makes a user unknown with missing: true", async () => {
      const created = await startFlow(sb, 72, veriff());
      await control(sb, "PUT", "/users/72", { missing: true });
      const res = await startFlow(sb, 72, veriff());
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: "Not Found" });
      const status = await call(sb, "GET", `/verification/status/${created.body.verification_id}`);
      expect(status.body.onboarding).toBeNull();
      await control(sb, "PUT", "/users/72", { missing: false });
      expect((await startFlow(sb, 72, veriff())).status).toBe(201);
    });
  });

  describe("faults", () => {
    async function fault(spec: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${sb.url}/_sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(spec),
      });
      expect(res.status).toBe(201);
      expect((await res.json()).id).toMatch(UUID_V4);
    }
    const status = (path = "/verification/status/00000000-0000-4000-8000-000000000000") => call(sb, "GET", path);

    it("unauthorized, forbidden, not_found, validation, server_error", async () => {
      await fault({ fault: { kind: "unauthorized" }, times: 1 });
      expect(await status()).toMatchObject({ status: 401, body: { message: "Unauthenticated." } });

      await fault({ endpoint: "status", fault: { kind: "forbidden" }, times: 1 });
      expect(await status()).toMatchObject({ status: 403, body: { error: "This verification session belongs to another partner." } });

      const created = await startFlow(sb, 80, veriff());
      await fault({ endpoint: "status", fault: { kind: "not_found" }, times: 1 });
      expect(await status(`/verification/status/${created.body.verification_id}`)).toMatchObject({
        status: 404,
        body: { error: "Verification session not found." },
      });

      await fault({ endpoint: "flows", fault: { kind: "validation" }, times: 1 });
      const invalid = await startFlow(sb, 80, veriff());
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors.partner_return_url).toHaveLength(1);
      expect(typeof invalid.body.message).toBe("string");

      await fault({ fault: { kind: "server_error" }, times: 1 });
      expect(await status()).toMatchObject({ status: 500, body: { message: "Server Error" } });
      expect((await status()).status).toBe(404); // used up
    });

    it("unauthorized with status 302 redirects to /login even when JSON was asked for", async () => {
      await fault({ fault: { kind: "unauthorized", status: 302 }, times: 1 });
      const res = await status();
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get("location")!, sb.url).pathname).toBe("/login");
      expect(res.headers.get("content-type")).toContain("text/html");
      const header = await call(sb, "GET", "/users/1", undefined, { ...PARTNER_1, "X-Sandbox-Fault": "unauthorized;status=302" });
      expect(header.status).toBe(302);
    });

    it("rate_limited answers 429 with Retry-After", async () => {
      await fault({ fault: { kind: "rate_limited", retryAfterSeconds: 7 }, times: 1 });
      const res = await status();
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ message: "Too Many Attempts." });
      expect(res.headers.get("retry-after")).toBe("7");
      expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
      await fault({ fault: { kind: "rate_limited" }, times: 1 });
      expect((await status()).headers.get("retry-after")).toBe("30");
    });

    it("html answers a 502 HTML page; malformed answers broken JSON", async () => {
      await fault({ fault: { kind: "html" }, times: 1 });
      const html = await status();
      expect(html.status).toBe(502);
      expect(html.headers.get("content-type")).toContain("text/html");
      expect(html.text).toMatch(/^<!DOCTYPE html>/);
      expect(html.text).toContain("Bad Gateway");

      await fault({ fault: { kind: "malformed" }, times: 1 });
      const malformed = await status();
      expect(malformed.status).toBe(200);
      expect(malformed.headers.get("content-type")).toContain("application/json");
      expect(() => JSON.parse(malformed.text)).toThrow();
    });

    it("timeout never answers; the client gives up", async () => {
      await fault({ fault: { kind: "timeout" }, times: 1 });
      const started = Date.now();
      await expect(fetch(`${sb.apiBaseUrl}/users/1`, { headers: PARTNER_1, signal: AbortSignal.timeout(300) })).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      // With delayMs the sandbox drops the connection itself.
      await fault({ fault: { kind: "timeout", delayMs: 100 }, times: 1 });
      await expect(fetch(`${sb.apiBaseUrl}/users/1`, { headers: PARTNER_1 })).rejects.toThrow();
    });

    it("slow answers normally after the delay; reset drops the connection", async () => {
      await fault({ fault: { kind: "slow", delayMs: 250 }, times: 1 });
      const started = Date.now();
      const res = await status();
      expect(Date.now() - started).toBeGreaterThanOrEqual(240);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "Verification session not found." });

      await fault({ fault: { kind: "reset" }, times: 1 });
      await expect(fetch(`${sb.apiBaseUrl}/users/1`, { headers: PARTNER_1 })).rejects.toThrow();
    });

    it("matches endpoint, user and session filters, counts down `times`, and clears", async () => {
      await fault({ endpoint: "flows", userId: 91, fault: { kind: "server_error" }, times: 2 });
      expect((await startFlow(sb, 90, veriff())).status).toBe(201);
      expect((await status()).status).toBe(404);
      expect((await startFlow(sb, 91, veriff())).status).toBe(500);
      expect((await startFlow(sb, 91, veriff())).status).toBe(500);
      expect((await startFlow(sb, 91, veriff())).status).toBe(201);

      const a = await startFlow(sb, 92, veriff());
      const b = await startFlow(sb, 92, veriff());
      await fault({ verificationId: a.body.verification_id, fault: { kind: "server_error" } });
      expect((await status(`/verification/status/${b.body.verification_id}`)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await status(`/verification/status/${a.body.verification_id}`)).status).toBe(500);
      const listed = await control(sb, "GET", "/faults");
      expect(listed.faults).toHaveLength(1);
      await control(sb, "DELETE", "/faults");
      expect((await status(`/verification/status/${a.body.verification_id}`)).status).toBe(200);
    });

    it("applies after authentication", async () => {
      await fault({ fault: { kind: "server_error" } });
      const res = await call(sb, "GET", "/users/1", undefined, { ...PARTNER_1, Authorization: "Bearer nope" });
      expect(res.status).toBe(401);
    });

    it("can be asked for per request with X-Sandbox-Fault", async () => {
      const res = await call(sb, "GET", "/users/1", undefined, { ...PARTNER_1, "X-Sandbox-Fault": "rate_limited;retry_after=3" });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
      const started = Date.now();
      const slow = await call(sb, "GET", "/users/70", undefined, { ...PARTNER_1, "X-Sandbox-Fault": "slow;delay=200" });
      expect(slow.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect((await call(sb, "GET", "/users/1", undefined, { ...PARTNER_1, "X-Sandbox-Fault": "bogus" })).status).toBe(400);
      const rejected = await fetch(`${sb.url}/_sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ fault: { kind: "bogus" } }),
      });
      expect(rejected.status).toBe(422);
    });
  });

  describe("request log and latency", () => {
    it("records API calls without secrets", async () => {
      await control(sb, "DELETE", "/requests");
      await startFlow(sb, 100, veriff());
      await call(sb, "GET", "/users/100");
      await call(sb, "GET", "/users/100", undefined, { Accept: "application/json" });
      const { requests } = await control(sb, "GET", "/requests");
      expect(requests).toHaveLength(3);
      expect(requests[0]).toMatchObject({
        method: "POST",
        path: "/api/v1/users/100/verification/flows",
        endpoint: "flows",
        partnerId: 1,
        status: 201,
      });
      expect(requests[1]).toMatchObject({ method: "GET", endpoint: "user", partnerId: 1, status: 200 });
      expect(requests[2]).toMatchObject({ endpoint: "user", partnerId: null, status: 401 });
      expect(Date.parse(requests[0].time)).not.toBeNaN();
      const dump = JSON.stringify(requests);
      for (const secret of [SANDBOX_DEFAULTS.token, SANDBOX_DEFAULTS.apiKey]) expect(dump).not.toContain(secret);
      await control(sb, "DELETE", "/requests");
      expect((await control(sb, "GET", "/requests")).requests).toHaveLength(0);
    });

    it("adds configured latency to every API answer", async () => {
      await control(sb, "POST", "/config", { latencyMs: 200 });
      try {
        const started = Date.now();
        await call(sb, "GET", "/users/100");
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      } finally {
        await control(sb, "POST", "/config", { latencyMs: 0 });
      }
    });
  });
});

describe("expiry", () => {
  it("turns a pending session past expires_at into expired, and persists it", async () => {
    let now = new Date("2030-01-01T10:00:00.000Z");
    const dataFile = tempDataFile();
    const sb = await start({ dataFile, now: () => now, sessionTtlSeconds: 600 });
    try {
      const created = await startFlow(sb, 1, veriff());
      expect(created.body.expires_at).toBe("2030-01-01T10:10:00.000Z");
      now = new Date("2030-01-01T10:09:59.000Z");
      expect((await call(sb, "GET", `/verification/status/${created.body.verification_id}`)).body.status).toBe("pending");

      now = new Date("2030-01-01T10:10:00.000Z");
      const expired = await call(sb, "GET", `/verification/status/${created.body.verification_id}`);
      expect(expired.body).toMatchObject({ status: "expired", next_action: "retry", completed_at: "2030-01-01T10:10:00.000Z" });

      // The page and its form no longer complete it.
      const page = await fetch(`${sb.url}/verify/${created.body.verification_id}`);
      expect(await page.text()).toContain("expired");
      const post = await chooseOutcome(sb, created.body.verification_id, "approve");
      expect(post.status).toBe(200);
      expect(await post.text()).toContain("expired");

      // Persisted: still expired after a restart even with the clock turned back.
      await sb.close();
      now = new Date("2030-01-01T10:00:00.000Z");
      const again = await start({ dataFile, now: () => now });
      try {
        expect((await call(again, "GET", `/verification/status/${created.body.verification_id}`)).body.status).toBe("expired");
      } finally {
        await again.close();
      }
    } finally {
      await sb.close();
    }
  });

  it("a control call expires a session at once", async () => {
    const sb = await start({ dataFile: undefined });
    try {
      const created = await startFlow(sb, 1, veriff());
      await control(sb, "POST", `/sessions/${created.body.verification_id}/expire`);
      expect((await call(sb, "GET", `/verification/status/${created.body.verification_id}`)).body.status).toBe("expired");
    } finally {
      await sb.close();
    }
  });
});

describe("persistence", () => {
  it("keeps sessions, users and registrations across restarts with the same data file", async () => {
    const dataFile = tempDataFile();
    const first = await start({ dataFile, approvedReturnUrls: [] });
    const reg = await call(first, "POST", "/verification-return-urls", { partner_return_url: "http://persist.test/return" });
    await control(first, "POST", `/return-urls/${reg.body.id}/approve`);
    const flow = await startFlow(first, 7, veriff("http://persist.test/return/x"));
    await chooseOutcome(first, flow.body.verification_id, "approve");
    const user = await call(first, "POST", "/users", { email: "persist@example.no", internal_id: 9 });
    await first.close();
    expect(existsSync(dataFile)).toBe(true);

    const second = await start({ dataFile, approvedReturnUrls: [] });
    try {
      const status = await call(second, "GET", `/verification/status/${flow.body.verification_id}`);
      expect(status.body).toMatchObject({ status: "approved", user_id: 7, onboarding: { steps: { id_verification: true } } });
      expect((await call(second, "GET", `/users/${user.body.id}`)).body).toMatchObject({ email: "persist@example.no", internal_id: "9" });
      expect((await startFlow(second, 7, veriff("http://persist.test/return/y"))).status).toBe(201);
      // Ids keep counting instead of reusing an existing one.
      const next = await call(second, "POST", "/users", { email: "persist2@example.no" });
      expect(Number(next.body.id)).toBeGreaterThan(Number(user.body.id));
    } finally {
      await second.close();
    }
  });

  it("moves a corrupt state file aside and starts empty", async () => {
    const dataFile = tempDataFile();
    const first = await start({ dataFile });
    await first.close();
    writeFileSync(dataFile, "{ this is not json");
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
    let sb: Sandbox | undefined;
    try {
      sb = await start({ dataFile });
    } finally {
      console.warn = warn;
    }
    try {
      expect(warnings.join("\n")).toContain("unreadable");
      const dir = join(dataFile, "..");
      expect(readdirSync(dir).some((f) => f.startsWith("state.json.corrupt-"))).toBe(true);
      expect((await startFlow(sb, 1, veriff())).status).toBe(201);
    } finally {
      await sb.close();
    }
  });
});

describe("lifecycle", () => {
  it("close() does not wait for a held (timeout) request", async () => {
    const sb = await start({ dataFile: undefined });
    const pending = fetch(`${sb.apiBaseUrl}/users/1`, { headers: { ...PARTNER_1, "X-Sandbox-Fault": "timeout" } }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await sb.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it("the CLI refuses to run on Vercel", () => {
    const res = spawnSync(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: { ...process.env, VERCEL: "1", SANDBOX_PORT: "0" },
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("VERCEL");
  });

  it("the CLI prints its URL, serves, and stops on SIGTERM", async () => {
    const dataFile = tempDataFile();
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
      env: {
        ...process.env,
        VERCEL: "",
        SANDBOX_PORT: "0",
        SANDBOX_DATA_FILE: dataFile,
        SANDBOX_APPROVED_RETURN_URLS: `${RETURN_BASE}, http://b.test/r`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
      });
      const sb = { url, apiBaseUrl: `${url}/api/v1`, close: async () => {} };
      expect((await startFlow(sb, 3, veriff())).status).toBe(201);
      expect((await startFlow(sb, 3, veriff("http://b.test/r"))).status).toBe(201);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(existsSync(dataFile)).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
