// Every failure kind, produced on demand by the sandbox (stored fault rules and the per-request
// X-Sandbox-Fault header) and read through the real client over HTTP: the error kind, the sentence a
// user reads, what is (not) retried, and that no secret or raw body ever appears.
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EASYFREELANCE_ERROR_KINDS, type EasyFreelanceError, type EasyFreelanceErrorKind } from "@/lib/easyfreelance/errors";
import { FAKE_TOKEN, captureText, captured, expectFailure, expectNoSecrets, makeClient } from "../easyfreelance/helpers";
import { OTHER_API_KEY, OTHER_TOKEN, faultyFetch, freshUserId, partnerClient, returnUrl, contractSandboxForThisFile } from "./support";

const sb = contractSandboxForThisFile();
let client: ReturnType<typeof partnerClient>["client"];
let sleeps: number[];
const seenKinds = new Set<EasyFreelanceErrorKind>();

/** Every failure also passes these: a kind, a sentence for a user, no HTML, no raw body. */
function checkError(error: EasyFreelanceError, kind: EasyFreelanceErrorKind): EasyFreelanceError {
  expect(error.kind).toBe(kind);
  seenKinds.add(error.kind);
  expect(error.safeMessage.length).toBeGreaterThan(20);
  expect(error.safeMessage).toMatch(/[.!?]$/);
  for (const text of [error.safeMessage, error.message, error.upstreamMessage ?? ""]) {
    expect(text).not.toMatch(/<[a-z!]/i);
    expect(text).not.toContain("Bad Gateway");
    expect(text).not.toContain('"status":"pend');
  }
  return error;
}

async function fails(promise: Promise<unknown>, kind: EasyFreelanceErrorKind) {
  return checkError(await expectFailure(promise), kind);
}

beforeAll(async () => {
  ({ client, sleeps } = partnerClient(sb));
});
beforeEach(async () => {
  await sb.control.faults.clear();
  await sb.control.requests.clear();
  sleeps.length = 0;
});
afterAll(async () => {
  // The sandbox's own request log must not hold the secrets either.
  captureText(JSON.stringify(await sb.control.requests.list()));
  expect([...seenKinds].sort()).toEqual([...EASYFREELANCE_ERROR_KINDS].sort());
  expectNoSecrets(captured);
});

const veriff = () => ({ provider: "veriff" as const, idType: "local" as const, returnUrl: returnUrl() });

describe("unauthorized (401, or a redirect instead of JSON)", () => {
  it("wrong credentials: 401 {message}, an admin must check the token and API key", async () => {
    const { client: wrong } = partnerClient(sb, { token: "1|wrongTokenZZtokSECRETq8w", apiKey: randomUUID() });
    const error = await fails(wrong.getStatus(randomUUID()), "unauthorized");
    expect(error.httpStatus).toBe(401);
    expect(error.upstreamMessage).toBe("Unauthenticated.");
    expect(error.safeMessage).toBe("EasyFreelance rejected the portal's API credentials. An administrator must check the token and API key.");
    expect(await sb.control.requests.count("status")).toBe(1); // never retried
  });

  it("a token of one partner with the key of another is refused", async () => {
    const { client: mixed } = partnerClient(sb, { token: FAKE_TOKEN, apiKey: OTHER_API_KEY });
    await fails(mixed.getUser(1), "unauthorized");
  });

  it("fault rule: 401 on starting a flow for one simulated employee only", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "unauthorized" } });
    await fails(client.startFlow(userId, veriff()), "unauthorized");
    expect((await client.startFlow(freshUserId(), veriff())).status).toBe("pending");
  });

  it("302 to a login page without JSON is read as rejected credentials, never followed", async () => {
    await sb.control.faults.add({ endpoint: "status", fault: { kind: "unauthorized", status: 302 }, times: 1 });
    const error = await fails(client.getStatus(randomUUID()), "unauthorized");
    expect(error.httpStatus).toBe(302);
    expect(error.safeMessage).toMatch(/redirected the request instead of answering.*rejected the portal's API credentials.*base URL/);
    const { client: viaHeader } = partnerClient(sb, { fetch: faultyFetch("unauthorized;status=302") });
    expect((await fails(viaHeader.startFlow(freshUserId(), veriff()), "unauthorized")).httpStatus).toBe(302);
    const requests = await sb.control.requests.list();
    expect(requests.every((request) => !request.path.includes("/login"))).toBe(true);
  });
});

describe("forbidden (403)", () => {
  it("another partner's session: 403 {error}, read from `error`", async () => {
    const { client: other } = partnerClient(sb, { token: OTHER_TOKEN, apiKey: OTHER_API_KEY });
    // Partner 2 needs its own approved return URL first.
    const url = `https://other-${freshUserId()}.example.com/return`;
    const registration = await other.registerReturnUrl({ returnUrl: url });
    await sb.control.approveReturnUrl(registration.id);
    const { verificationId } = await other.startFlow(freshUserId(), { provider: "bankid", returnUrl: url });
    const error = await fails(client.getStatus(verificationId), "forbidden");
    expect(error.httpStatus).toBe(403);
    expect(error.upstreamMessage).toBe("This verification session belongs to another partner.");
    expect(error.safeMessage).toMatch(/belongs to another partner\. Start a new verification/);
  });

  it("fault rule on a flow", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "forbidden" }, times: 1 });
    const error = await fails(client.startFlow(userId, veriff()), "forbidden");
    expect(error.upstreamMessage).toBe("This action is unauthorized.");
  });
});

describe("not found (404)", () => {
  it("an unknown session: 404 {error}; an unknown user: 404 {message}", async () => {
    const session = await fails(client.getStatus(randomUUID()), "not_found");
    expect(session.upstreamMessage).toBe("Verification session not found.");
    expect(session.safeMessage).toBe("EasyFreelance has no verification session with this id. Start a new verification.");
    expect(await sb.control.requests.count("status")).toBe(1); // a 404 is an answer, not retried

    const user = await fails(client.getUser(987_654_321), "not_found");
    expect(user.safeMessage).toMatch(/no user with this id/);
  });

  it("a user EasyFreelance lost (missing) when starting a flow", async () => {
    const userId = freshUserId();
    await sb.control.updateUser(userId, { missing: true });
    const error = await fails(client.startFlow(userId, veriff()), "not_found");
    expect(error.safeMessage).toMatch(/Link the employee to EasyFreelance again/);
  });
});

describe("validation (422, Laravel's shape)", () => {
  it("return URL not approved: the field error on partner_return_url, explained", async () => {
    const error = await fails(
      client.startFlow(freshUserId(), { provider: "bankid", returnUrl: "https://not-registered.example.com/return/x" }),
      "validation",
    );
    expect(error.httpStatus).toBe(422);
    expect(error.fieldErrors).toEqual({ partner_return_url: ["The partner return url is not an approved return URL."] });
    expect(error.inputFieldErrors).toEqual({ returnUrl: ["The partner return url is not an approved return URL."] });
    expect(error.safeMessage).toBe(
      "EasyFreelance rejected the request: The partner return url is not an approved return URL. If the return URL was registered recently, EasyFreelance may not have approved it yet.",
    );
    expect(await sb.control.requests.count("flows")).toBe(1);
  });

  it("field errors of POST /users map back to the form's fields", async () => {
    const internalId = freshUserId();
    await client.upsertUser({ email: `first.${internalId}@example.no`, internalId });
    const error = await fails(client.upsertUser({ email: `second.${internalId}@example.no`, internalId }), "validation");
    expect(error.fieldErrors).toEqual({ internal_id: ["The internal id has already been taken."] });
    expect(error.inputFieldErrors).toEqual({ internalId: ["The internal id has already been taken."] });
    expect(error.safeMessage).toMatch(/^EasyFreelance rejected the request: The internal id has already been taken\. Correct the details/);
  });

  it("fault rule and header", async () => {
    await sb.control.faults.add({ endpoint: "users", fault: { kind: "validation" }, times: 1 });
    const rule = await fails(client.upsertUser({ email: "ok@example.no" }), "validation");
    expect(rule.inputFieldErrors).toEqual({ email: ["The email field must be a valid email address."] });
    const { client: viaHeader } = partnerClient(sb, { fetch: faultyFetch("validation") });
    const header = await fails(viaHeader.startFlow(freshUserId(), veriff()), "validation");
    expect(header.inputFieldErrors?.returnUrl).toHaveLength(1);
  });

  it("invalid input is refused before anything is sent", async () => {
    const error = await fails(client.upsertUser({ email: "x@example.no", bankIban: "NO9386011117947" }), "validation");
    expect(error.httpStatus).toBeUndefined();
    expect(error.inputFieldErrors).toEqual({ bankBic: ["BIC is required together with IBAN."] });
    expect(await sb.control.requests.count("users")).toBe(0);
  });
});

describe("rate limited (429 + Retry-After)", () => {
  it("a POST is not repeated: rate_limited with the server's Retry-After", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "rate_limited", retryAfterSeconds: 7 } });
    const error = await fails(client.startFlow(userId, veriff()), "rate_limited");
    expect(error.httpStatus).toBe(429);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.safeMessage).toBe("EasyFreelance is limiting requests. Try again in 7 seconds.");
    expect(await sb.control.requests.count("flows")).toBe(1);
  });

  it("a GET waits the Retry-After once and succeeds", async () => {
    const flow = await client.startFlow(freshUserId(), veriff());
    await sb.control.faults.add({ verificationId: flow.verificationId, fault: { kind: "rate_limited", retryAfterSeconds: 1 }, times: 1 });
    expect((await client.getStatus(flow.verificationId)).status).toBe("pending");
    expect(sleeps).toEqual([1000]);
    expect(await sb.control.requests.count("status")).toBe(2);
  });

  it("a Retry-After longer than the client waits is reported, not waited for", async () => {
    const { client: viaHeader } = partnerClient(sb, { fetch: faultyFetch("rate_limited;retry_after=60") });
    const error = await fails(viaHeader.getStatus(randomUUID()), "rate_limited");
    expect(error.retryAfterSeconds).toBe(60);
    expect(sleeps).toEqual([]);
  });
});

describe("upstream failure (5xx, HTML instead of JSON)", () => {
  it("a 500 on starting a flow: not repeated (no idempotency key)", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "server_error" } });
    const error = await fails(client.startFlow(userId, veriff()), "upstream");
    expect(error.httpStatus).toBe(500);
    expect(error.safeMessage).toBe(
      "EasyFreelance had a problem on its side (HTTP 500). Try again in a few minutes; if it keeps happening, contact EasyFreelance support.",
    );
    expect(await sb.control.requests.count("flows")).toBe(1);
  });

  it("a 503 on a GET is repeated with backoff, then reported", async () => {
    await sb.control.faults.add({ endpoint: "user", fault: { kind: "server_error", status: 503 } });
    const error = await fails(client.getUser(1), "upstream");
    expect(error.httpStatus).toBe(503);
    expect(await sb.control.requests.count("user")).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it("a 502 HTML page from a proxy never reaches a message", async () => {
    const { client: viaHeader } = partnerClient(sb, { fetch: faultyFetch("html"), maxRetries: 0 });
    const error = await fails(viaHeader.getStatus(randomUUID()), "upstream");
    expect(error.httpStatus).toBe(502);
    expect(error.upstreamMessage).toBeUndefined();
    expect(error.safeMessage).toMatch(/^EasyFreelance had a problem on its side \(HTTP 502\)/);
  });

  it("an HTML page with 200 is malformed, not success", async () => {
    const { client: viaHeader } = partnerClient(sb, { fetch: faultyFetch("html;status=200") });
    const error = await fails(viaHeader.registerReturnUrl({ returnUrl: "https://x.example.com/return" }), "malformed");
    expect(error.message).toMatch(/HTML page/);
  });
});

describe("malformed answers", () => {
  it("cut-off JSON with 200", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "malformed" }, times: 1 });
    const error = await fails(client.startFlow(userId, veriff()), "malformed");
    expect(error.httpStatus).toBe(200);
    expect(error.safeMessage).toMatch(/could not read/);
  });
});

describe("timeouts and slow answers", () => {
  it("no answer to starting a flow: timeout after the client's limit, sent once", async () => {
    const { client: quick } = partnerClient(sb, { timeoutMs: 300 });
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "timeout" } });
    const started = Date.now();
    const error = await fails(quick.startFlow(userId, veriff()), "timeout");
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.safeMessage).toBe(
      "EasyFreelance did not answer in time (0.3 s). The request may still have been processed: check before repeating it.",
    );
    expect(await sb.control.requests.count("flows")).toBe(1);
  });

  it("a GET that times out is repeated; per request through the header too", async () => {
    const { client: quick } = partnerClient(sb, { timeoutMs: 200, fetch: faultyFetch("timeout") });
    const error = await fails(quick.getStatus(randomUUID()), "timeout");
    expect(error.safeMessage).toMatch(/^EasyFreelance did not answer in time \(0\.2 s\)\. Try again in a moment/);
    expect(await sb.control.requests.count("status")).toBe(3);
  });

  it("a slow answer within the limit succeeds; beyond it is a timeout", async () => {
    const { client: patient } = partnerClient(sb, { timeoutMs: 2000, fetch: faultyFetch("slow;delay=200") });
    expect((await patient.startFlow(freshUserId(), veriff())).status).toBe("pending");
    const { client: quick } = partnerClient(sb, { timeoutMs: 150, fetch: faultyFetch("slow;delay=600"), maxRetries: 0 });
    await fails(quick.getUser(1), "timeout");
  });
});

describe("network failures", () => {
  it("a connection reset after sending a POST: network, not repeated", async () => {
    const userId = freshUserId();
    await sb.control.faults.add({ endpoint: "flows", userId, fault: { kind: "reset" } });
    const error = await fails(client.startFlow(userId, veriff()), "network");
    expect(error.safeMessage).toMatch(/^The portal could not reach EasyFreelance/);
    expect(await sb.control.requests.count("flows")).toBe(1);
  });

  it("a reset on a GET is repeated and then succeeds", async () => {
    const flow = await client.startFlow(freshUserId(), veriff());
    await sb.control.faults.add({ endpoint: "status", fault: { kind: "reset" }, times: 1 });
    expect((await client.getStatus(flow.verificationId)).status).toBe("pending");
  });

  it("nobody listening: network after the safe retries", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { client: offline } = makeClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
    const error = await fails(offline.startFlow(freshUserId(), veriff()), "network");
    expect(error.safeMessage).toMatch(/check the network and the configured base URL/);
  });
});
