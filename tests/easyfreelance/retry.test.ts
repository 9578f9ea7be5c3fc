// Timeouts and retries: GETs are repeated on transient failures, POSTs only when the connection
// never opened. Delays are recorded through the injected sleep, never waited for.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { FakeEasyFreelance } from "./fixture";
import { VERIFICATION_ID, captured, expectFailure, expectNoSecrets, flowAnswer, makeClient, statusAnswer, userAnswer } from "./helpers";

const fake = FakeEasyFreelance.forThisFile();
const extraServers: FakeEasyFreelance[] = [];
afterEach(async () => {
  await Promise.all(extraServers.splice(0).map((s) => s.close()));
});
afterAll(() => {
  expect(captured.length).toBeGreaterThan(0);
  expectNoSecrets();
});

const RETURN_URL = "https://portal.example.com/return/abc";
const veriff = { provider: "veriff", idType: "local", returnUrl: RETURN_URL } as const;

describe("timeouts", () => {
  it("a POST whose answer never comes -> timeout after timeoutMs, sent once", async () => {
    fake.reply({ hang: true });
    // Long enough for the request to reach the fake server even on a loaded machine (100 ms was not).
    const { client, sleeps } = makeClient(fake, { timeoutMs: 1000 });
    const error = await expectFailure(client.startFlow(17, veriff));
    expect(error.kind).toBe("timeout");
    expect(error.httpStatus).toBeUndefined();
    expect(error.safeMessage).toMatch(/did not answer in time \(1 s\)/);
    expect(error.safeMessage).toMatch(/may still have been processed/);
    // On a loaded machine the fake server may see the request a moment after the client gave up on it.
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    expect(sleeps).toEqual([]);
  });

  it("a GET that times out is repeated, each attempt with its own timeout", async () => {
    fake.reply({ hang: true });
    const { client, sleeps } = makeClient(fake, { timeoutMs: 500, maxRetries: 2 });
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("timeout");
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("a GET that times out once and then answers succeeds", async () => {
    fake.enqueue({ hang: true }).reply({ json: statusAnswer({ status: "approved", next_action: "redirect_to_partner" }) });
    const { client } = makeClient(fake, { timeoutMs: 500 });
    const result = await client.getStatus(VERIFICATION_ID);
    expect(result.status).toBe("approved");
    expect(fake.requests).toHaveLength(2);
  });
});

describe("GET retries", () => {
  it("503 with Retry-After: 2, then 200 -> waits 2000 ms once and succeeds", async () => {
    fake.enqueue({ status: 503, headers: { "Retry-After": "2" }, text: "<html>maintenance</html>" }).reply({ json: statusAnswer() });
    const { client, sleeps, logs } = makeClient(fake);
    const result = await client.getStatus(VERIFICATION_ID);
    expect(result.status).toBe("pending");
    expect(sleeps).toEqual([2000]);
    expect(fake.requests).toHaveLength(2);
    expect(logs[0].meta).toMatchObject({ operation: "getStatus", attempt: 1, httpStatus: 503, delayMs: 2000 });
  });

  it("Retry-After as an HTTP date is honoured", async () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    fake.enqueue({ status: 429, headers: { "Retry-After": "Sun, 01 Jun 2025 12:00:03 GMT" }, json: { message: "Too Many Attempts." } });
    fake.reply({ json: userAnswer({ id: 5 }) });
    const { client, sleeps } = makeClient(fake, { now: () => now });
    await client.getUser(5);
    expect(sleeps).toEqual([3000]);
  });

  it("without Retry-After: exponential backoff with full jitter (random 0.5 -> half of 250, 500)", async () => {
    fake.enqueue({ status: 502 }, { status: 500, json: { message: "Server Error" } }).reply({ json: userAnswer({ id: 5 }) });
    const { client, sleeps } = makeClient(fake, { random: () => 0.5, retryBaseDelayMs: 250 });
    const user = await client.getUser(5);
    expect(user.id).toBe(5);
    expect(sleeps).toEqual([125, 250]);
    expect(fake.requests).toHaveLength(3);
  });

  it("gives up after maxRetries and reports the last failure", async () => {
    fake.reply({ status: 504, text: "<html>gateway timeout</html>" });
    const { client, sleeps } = makeClient(fake, { maxRetries: 3 });
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("upstream");
    expect(error.httpStatus).toBe(504);
    expect(fake.requests).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it("maxRetries 0 means one attempt", async () => {
    fake.reply({ status: 503 });
    const { client, sleeps } = makeClient(fake, { maxRetries: 0 });
    await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("a Retry-After longer than maxRetryDelayMs is not waited for: rate_limited with retryAfterSeconds", async () => {
    fake.reply({ status: 429, headers: { "Retry-After": "120" }, json: { message: "Too Many Attempts." } });
    const { client, sleeps } = makeClient(fake, { maxRetryDelayMs: 5000 });
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(120);
    expect(error.safeMessage).toBe("EasyFreelance is limiting requests. Try again in 120 seconds.");
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("429 with a short Retry-After on a GET is repeated after that delay", async () => {
    fake.enqueue({ status: 429, headers: { "Retry-After": "1" }, json: { message: "Too Many Attempts." } }).reply({ json: statusAnswer() });
    const { client, sleeps } = makeClient(fake);
    await client.getStatus(VERIFICATION_ID);
    expect(sleeps).toEqual([1000]);
  });

  it("a connection reset on a GET is repeated", async () => {
    fake.enqueue({ destroy: true }).reply({ json: statusAnswer() });
    const { client, sleeps } = makeClient(fake);
    await client.getStatus(VERIFICATION_ID);
    expect(fake.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it("jitter stays within [0, min(maxRetryDelayMs, base * 2^n)], also for a misbehaving random()", async () => {
    fake.reply({ status: 503 });
    for (const value of [0, 0.999999, 7, -3]) {
      fake.reset();
      fake.reply({ status: 503 });
      const { client, sleeps } = makeClient(fake, { random: () => value, maxRetries: 6, retryBaseDelayMs: 250, maxRetryDelayMs: 1000 });
      await expectFailure(client.getUser(5));
      expect(sleeps).toHaveLength(6);
      const ceilings = [250, 500, 1000, 1000, 1000, 1000];
      sleeps.forEach((delay, i) => {
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceilings[i]);
      });
      if (value === 0) expect(sleeps).toEqual([0, 0, 0, 0, 0, 0]);
      if (value === 0.999999) expect(sleeps).toEqual([249, 499, 999, 999, 999, 999]);
    }
  });
});

describe("POSTs are never repeated once they may have reached EasyFreelance", () => {
  it.each([
    ["500", { status: 500, json: { message: "Server Error" } }],
    ["502", { status: 502, text: "<html>bad gateway</html>" }],
    ["503 with Retry-After", { status: 503, headers: { "Retry-After": "1" } }],
    ["429 with Retry-After", { status: 429, headers: { "Retry-After": "1" }, json: { message: "Too Many Attempts." } }],
    ["a connection reset", { destroy: true as const }],
  ])("startFlow is sent once on %s", async (_name, reply) => {
    fake.reply(reply);
    const { client, sleeps } = makeClient(fake);
    const error = await expectFailure(client.startFlow(17, veriff));
    expect(["upstream", "rate_limited", "network"]).toContain(error.kind);
    expect(fake.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("upsertUser and registerReturnUrl are not repeated on 503 either", async () => {
    fake.reply({ status: 503 });
    const { client } = makeClient(fake);
    await expectFailure(client.upsertUser({ email: "a@example.com" }));
    await expectFailure(client.registerReturnUrl({ returnUrl: RETURN_URL }));
    expect(fake.requests).toHaveLength(2);
  });

  it("a reset on startFlow -> network error without a retry", async () => {
    fake.reply({ destroy: true });
    const { client } = makeClient(fake);
    const error = await expectFailure(client.startFlow(17, veriff));
    expect(error.kind).toBe("network");
    expect(error.safeMessage).toMatch(/could not reach EasyFreelance/);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("connection refused: nothing was sent, so even a POST is repeated", () => {
  it("startFlow against a closed port is attempted 1 + maxRetries times, then network", async () => {
    const port = await FakeEasyFreelance.closedPort();
    const { client, sleeps } = makeClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` }, { maxRetries: 2 });
    const error = await expectFailure(client.startFlow(17, veriff));
    expect(error.kind).toBe("network");
    expect(error.httpStatus).toBeUndefined();
    expect(sleeps).toEqual([125, 250]);
    expect((error.cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect(String(error.cause)).toMatch(/ECONNREFUSED/);
  });

  it("startFlow succeeds once the server is up, and EasyFreelance sees exactly one flow request", async () => {
    const port = await FakeEasyFreelance.closedPort();
    let late: FakeEasyFreelance | undefined;
    const { client, sleeps } = makeClient(
      { baseUrl: `http://127.0.0.1:${port}/api/v1` },
      {
        sleep: async (ms) => {
          sleeps.push(ms);
          if (!late) {
            late = await FakeEasyFreelance.start(port);
            late.reply({ status: 201, json: flowAnswer() });
            extraServers.push(late);
          }
        },
      },
    );
    const flow = await client.startFlow(17, veriff);
    expect(flow.verificationId).toBe(flowAnswer().verification_id);
    expect(sleeps).toHaveLength(1);
    expect(late?.requests).toHaveLength(1);
    expect(late?.requests[0].url).toBe("/api/v1/users/17/verification/flows");
  });

  it("also through 'localhost' (one refusal per address)", async () => {
    const port = await FakeEasyFreelance.closedPort();
    const { client, sleeps } = makeClient({ baseUrl: `http://localhost:${port}/api/v1` }, { maxRetries: 1 });
    const error = await expectFailure(client.registerReturnUrl({ returnUrl: RETURN_URL }));
    expect(error.kind).toBe("network");
    expect(sleeps).toHaveLength(1);
  });
});
