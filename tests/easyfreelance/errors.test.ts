// How EasyFreelance's failures become EasyFreelanceErrors, and that none of them carries a secret,
// a raw body or HTML.
import { afterAll, describe, expect, it } from "vitest";
import { createEasyFreelanceClient } from "@/lib/easyfreelance/client";
import { EasyFreelanceError, isEasyFreelanceError, toInputFieldErrors } from "@/lib/easyfreelance/errors";
import { FakeEasyFreelance } from "./fixture";
import {
  FAKE_API_KEY,
  FAKE_TOKEN,
  VERIFICATION_ID,
  captureText,
  captured,
  expectFailure,
  expectNoSecrets,
  makeClient,
  statusAnswer,
} from "./helpers";

const fake = FakeEasyFreelance.forThisFile();
afterAll(() => {
  expect(captured.length).toBeGreaterThan(0);
  expectNoSecrets();
});

const RETURN_URL = "https://portal.example.com/return/abc";
const startBankId = (client: ReturnType<typeof makeClient>["client"]) => client.startFlow(17, { provider: "bankid", returnUrl: RETURN_URL });

describe("HTTP answers", () => {
  it("401 -> unauthorized, with the admin-facing sentence", async () => {
    fake.reply({ status: 401, json: { message: "Unauthenticated." } });
    const error = await expectFailure(makeClient(fake).client.getStatus(VERIFICATION_ID));
    expect(error).toBeInstanceOf(EasyFreelanceError);
    expect(error.kind).toBe("unauthorized");
    expect(error.httpStatus).toBe(401);
    expect(error.operation).toBe("getStatus");
    expect(error.upstreamMessage).toBe("Unauthenticated.");
    expect(error.safeMessage).toBe("EasyFreelance rejected the portal's API credentials. An administrator must check the token and API key.");
    expect(fake.requests).toHaveLength(1);
  });

  it("a 3xx redirect (Laravel's login page) -> unauthorized, and it is not followed", async () => {
    fake.enqueue({ status: 302, headers: { Location: "/login" }, text: "<html><body>Redirecting to /login</body></html>" });
    fake.reply({ status: 200, text: "<html>login page</html>" });
    const error = await expectFailure(makeClient(fake).client.getUser(5));
    expect(error.kind).toBe("unauthorized");
    expect(error.httpStatus).toBe(302);
    expect(error.safeMessage).toMatch(/redirected/);
    expect(error.message).not.toContain("<html");
    expect(fake.requests.map((r) => r.url)).toEqual(["/api/v1/users/5"]);
  });

  it("403 {error} -> forbidden with the error text", async () => {
    fake.reply({ status: 403, json: { error: "This verification session belongs to another partner." } });
    const error = await expectFailure(makeClient(fake).client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("forbidden");
    expect(error.httpStatus).toBe(403);
    expect(error.upstreamMessage).toBe("This verification session belongs to another partner.");
    expect(error.safeMessage).toMatch(/another partner/);
  });

  it("404 {error} -> not_found, and a GET is not repeated", async () => {
    fake.reply({ status: 404, json: { error: "Verification session not found." } });
    const { client, sleeps } = makeClient(fake);
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("not_found");
    expect(error.httpStatus).toBe(404);
    expect(error.upstreamMessage).toBe("Verification session not found.");
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("422 -> validation with the field errors as sent, the first field error as message, camelCase mapping", async () => {
    fake.reply({
      status: 422,
      json: {
        message: "The partner return url is not allowed. (and 1 more error)",
        errors: {
          partner_return_url: ["The partner return url is not allowed.", "Second problem."],
          id_type: "The selected id type is invalid.",
        },
      },
    });
    const error = await expectFailure(makeClient(fake).client.startFlow(17, { provider: "veriff", idType: "local", returnUrl: RETURN_URL }));
    expect(error.kind).toBe("validation");
    expect(error.httpStatus).toBe(422);
    expect(error.fieldErrors).toStrictEqual({
      partner_return_url: ["The partner return url is not allowed.", "Second problem."],
      id_type: ["The selected id type is invalid."],
    });
    expect(error.inputFieldErrors).toStrictEqual({
      returnUrl: ["The partner return url is not allowed.", "Second problem."],
      idType: ["The selected id type is invalid."],
    });
    expect(error.upstreamMessage).toBe("The partner return url is not allowed.");
    expect(error.safeMessage).toContain("The partner return url is not allowed.");
    expect(error.safeMessage).toMatch(/approved/);
  });

  it("reads the message in the order errors > message > error", async () => {
    const { client } = makeClient(fake);
    fake.enqueue(
      { status: 400, json: { error: "from error", message: "from message", errors: { email: ["from errors"] } } },
      { status: 400, json: { error: "from error", message: "from message" } },
      { status: 400, json: { error: "from error" } },
      { status: 400, json: { error: { message: "from nested error" } } },
      { status: 400, json: { errors: {}, message: "   spaced   out\n message  " } },
      { status: 400, json: { message: "<b>html</b>", error: "plain fallback" } },
    );
    const messages: Array<string | undefined> = [];
    for (let i = 0; i < 6; i++) messages.push((await expectFailure(client.getUser(5))).upstreamMessage);
    expect(messages).toEqual(["from errors", "from message", "from error", "from nested error", "spaced out message", "plain fallback"]);
  });

  it("cuts an upstream message to 300 characters", async () => {
    fake.reply({ status: 409, json: { message: "x".repeat(5000) } });
    const error = await expectFailure(makeClient(fake).client.upsertUser({ email: "a@example.com" }));
    expect(error.kind).toBe("upstream");
    expect(error.httpStatus).toBe(409);
    expect(error.upstreamMessage!.length).toBeLessThanOrEqual(300);
    expect(error.safeMessage.length).toBeLessThan(400);
  });

  it("other 4xx -> upstream with its message, not repeated even for a GET", async () => {
    fake.reply({ status: 418, json: { message: "I am a teapot." } });
    const { client, sleeps } = makeClient(fake);
    const error = await expectFailure(client.getUser(5));
    expect(error.kind).toBe("upstream");
    expect(error.httpStatus).toBe(418);
    expect(error.safeMessage).toContain("I am a teapot.");
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("429 on a POST -> rate_limited with retryAfterSeconds, not repeated", async () => {
    fake.reply({ status: 429, headers: { "Retry-After": "30", "X-RateLimit-Remaining": "0" }, json: { message: "Too Many Attempts." } });
    const { client, sleeps } = makeClient(fake);
    const error = await expectFailure(client.registerReturnUrl({ returnUrl: RETURN_URL }));
    expect(error.kind).toBe("rate_limited");
    expect(error.httpStatus).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.safeMessage).toBe("EasyFreelance is limiting requests. Try again in 30 seconds.");
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("an HTML 500 page never reaches the error", async () => {
    const page = "<!DOCTYPE html><html><body><h1>Whoops</h1><pre>SQLSTATE[HY000] PAGE-SENTINEL-8812 stack trace</pre></body></html>";
    fake.reply({ status: 500, text: page });
    const error = await expectFailure(startBankId(makeClient(fake).client));
    expect(error.kind).toBe("upstream");
    expect(error.httpStatus).toBe(500);
    expect(error.upstreamMessage).toBeUndefined();
    for (const text of [error.message, error.safeMessage, JSON.stringify(error), String(error.cause), error.stack ?? ""]) {
      expect(text).not.toContain("PAGE-SENTINEL-8812");
      expect(text).not.toContain("<");
    }
    expect(error.safeMessage).toMatch(/EasyFreelance had a problem on its side \(HTTP 500\)/);
  });

  it("a 5xx JSON debug message is kept for developers only, never in safeMessage", async () => {
    fake.reply({ status: 500, json: { message: "SQLSTATE[23000] DEBUG-SENTINEL", trace: [{ file: "/var/www/app.php" }] } });
    const error = await expectFailure(startBankId(makeClient(fake).client));
    expect(error.upstreamMessage).toBe("SQLSTATE[23000] DEBUG-SENTINEL");
    expect(error.safeMessage).not.toContain("DEBUG-SENTINEL");
    expect(JSON.stringify(error)).not.toContain("/var/www/app.php");
  });

  it("redacts secrets that EasyFreelance echoes back in a message or a field error", async () => {
    fake.enqueue(
      { status: 401, json: { message: `Invalid token ${FAKE_TOKEN} for key ${FAKE_API_KEY.toUpperCase()}` } },
      { status: 422, json: { errors: { api_key: [`Key ${FAKE_API_KEY} is revoked`] } } },
      { status: 400, json: { message: "Header was Bearer some-other-token-value" } },
    );
    const { client } = makeClient(fake);
    const first = await expectFailure(client.getUser(5));
    expect(first.upstreamMessage).toBe("Invalid token [redacted] for key [redacted]");
    const second = await expectFailure(client.getUser(5));
    expect(second.fieldErrors).toStrictEqual({ api_key: ["Key [redacted] is revoked"] });
    const third = await expectFailure(client.getUser(5));
    expect(third.upstreamMessage).toBe("Header was Bearer [redacted]");
  });
});

describe("unreadable 2xx answers -> malformed", () => {
  it("an HTML 200 page", async () => {
    fake.reply({ status: 200, text: "<html><body>Log in HTML-SENTINEL</body></html>" });
    const { client, logs } = makeClient(fake);
    const error = await expectFailure(client.getUser(5));
    expect(error.kind).toBe("malformed");
    expect(error.httpStatus).toBe(200);
    expect(error.safeMessage).toMatch(/^EasyFreelance sent an answer the portal could not read/);
    expect(error.message).toMatch(/HTML/);
    expect(JSON.stringify(error)).not.toContain("HTML-SENTINEL");
    expect(JSON.stringify(logs)).not.toContain("HTML-SENTINEL");
  });

  it("invalid JSON and an empty body", async () => {
    fake.enqueue({ status: 200, headers: { "Content-Type": "application/json" }, text: '{"verification_id": ' }, { status: 201 });
    const { client } = makeClient(fake);
    expect((await expectFailure(client.getStatus(VERIFICATION_ID))).kind).toBe("malformed");
    expect((await expectFailure(startBankId(client))).kind).toBe("malformed");
  });

  it("a schema mismatch logs which fields failed, never their values", async () => {
    fake.reply({ json: statusAnswer({ status: 42, user_id: "VALUE-SENTINEL-user" }) });
    const { client, logs } = makeClient(fake);
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("status");
    expect(error.message).toContain("user_id");
    expect(logs).toHaveLength(1);
    const issues = (logs[0].meta?.issues ?? []) as Array<{ path: string }>;
    expect(issues.map((i) => i.path).sort()).toEqual(["status", "user_id"]);
    const everything = JSON.stringify([logs, error, error.message]);
    expect(everything).not.toContain("VALUE-SENTINEL");
  });
});

describe("the error object", () => {
  it("is recognised by isEasyFreelanceError and nothing else is", async () => {
    fake.reply({ status: 404, json: { error: "nope" } });
    const error = await expectFailure(makeClient(fake).client.getUser(5));
    expect(isEasyFreelanceError(error)).toBe(true);
    expect(isEasyFreelanceError(new Error("x"))).toBe(false);
    expect(isEasyFreelanceError({ kind: "not_found" })).toBe(false);
    expect(error.name).toBe("EasyFreelanceError");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ kind: "not_found", operation: "getUser", httpStatus: 404 });
  });

  it("maps API field names to input field names", () => {
    expect(
      toInputFieldErrors({ bank_iban_number: ["a"], bank_bic_number: ["b"], partner_return_url: ["c"], first_name: ["d"], email: ["e"] }),
    ).toStrictEqual({ bankIban: ["a"], bankBic: ["b"], returnUrl: ["c"], firstName: ["d"], email: ["e"] });
  });

  it("has a sentence for every kind", () => {
    const timeout = new EasyFreelanceError({ kind: "timeout", operation: "startFlow", timeoutMs: 10_000 });
    expect(timeout.safeMessage).toMatch(/^EasyFreelance did not answer in time \(10 s\)\. The request may still have been processed/);
    const limited = new EasyFreelanceError({ kind: "rate_limited", operation: "getStatus" });
    expect(limited.safeMessage).toBe("EasyFreelance is limiting requests. Try again in a minute.");
    expect(new EasyFreelanceError({ kind: "network", operation: "getUser" }).safeMessage).toMatch(/could not reach EasyFreelance/);
  });
});

describe("configuration", () => {
  it("refuses secrets that cannot be sent as a header, without echoing them", () => {
    const attempts = [
      () => createEasyFreelanceClient({ baseUrl: fake.baseUrl, token: `${FAKE_TOKEN}\r\nX-Evil: 1`, apiKey: FAKE_API_KEY }),
      () => createEasyFreelanceClient({ baseUrl: fake.baseUrl, token: FAKE_TOKEN, apiKey: `${FAKE_API_KEY} x` }),
      () => createEasyFreelanceClient({ baseUrl: fake.baseUrl, token: "", apiKey: FAKE_API_KEY }),
    ];
    for (const attempt of attempts) {
      let thrown: unknown;
      try {
        attempt();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      captureText(String(thrown), (thrown as Error).stack ?? "");
    }
  });

  it("refuses plain http except to a loopback host", () => {
    expect(() => createEasyFreelanceClient({ baseUrl: "http://easyfreelance.example/api/v1", token: FAKE_TOKEN, apiKey: FAKE_API_KEY })).toThrow(
      /https/,
    );
    expect(() => createEasyFreelanceClient({ baseUrl: "http://localhost:4010/api/v1", token: FAKE_TOKEN, apiKey: FAKE_API_KEY })).not.toThrow();
    expect(() =>
      createEasyFreelanceClient({ baseUrl: "https://app.easyfreelance.no/api/v1", token: FAKE_TOKEN, apiKey: FAKE_API_KEY }),
    ).not.toThrow();
    expect(() => createEasyFreelanceClient({ baseUrl: "not a url", token: FAKE_TOKEN, apiKey: FAKE_API_KEY })).toThrow(TypeError);
  });
});
