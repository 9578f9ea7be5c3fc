// Requests the client sends and how it reads EasyFreelance's answers, against a real HTTP server.
import { afterAll, describe, expect, it } from "vitest";
import { FakeEasyFreelance } from "./fixture";
import {
  FAKE_API_KEY,
  FAKE_TOKEN,
  VERIFICATION_ID,
  captured,
  expectFailure,
  expectNoSecrets,
  flowAnswer,
  makeClient,
  statusAnswer,
  userAnswer,
} from "./helpers";

const fake = FakeEasyFreelance.forThisFile();
afterAll(() => {
  expect(captured.length).toBeGreaterThan(0);
  expectNoSecrets();
});

const RETURN_URL = "https://portal.example.com/return/abc";

describe("headers", () => {
  it("sends Bearer token, API-key and Accept on a GET, and no Content-Type", async () => {
    fake.reply({ json: statusAnswer() });
    const { client } = makeClient(fake);
    await client.getStatus(VERIFICATION_ID);

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req.method).toBe("GET");
    expect(req.url).toBe(`/api/v1/verification/status/${VERIFICATION_ID}`);
    expect(req.headers.authorization).toBe(`Bearer ${FAKE_TOKEN}`);
    expect(req.headers["api-key"]).toBe(FAKE_API_KEY);
    expect(req.headers.accept).toBe("application/json");
    expect(req.headers["content-type"]).toBeUndefined();
    expect(req.body).toBe("");
  });

  it("sends Content-Type application/json on a POST with a body", async () => {
    fake.reply({ status: 201, json: flowAnswer() });
    const { client } = makeClient(fake);
    await client.startFlow(17, { provider: "veriff", idType: "local", returnUrl: RETURN_URL });

    const [req] = fake.requests;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.authorization).toBe(`Bearer ${FAKE_TOKEN}`);
    expect(req.headers["api-key"]).toBe(FAKE_API_KEY);
    expect(req.headers.accept).toBe("application/json");
  });

  it("accepts a base URL with or without a trailing slash", async () => {
    fake.reply({ json: userAnswer({ id: 5 }) });
    await makeClient({ baseUrl: `${fake.baseUrl}/` }).client.getUser(5);
    await makeClient({ baseUrl: fake.baseUrl }).client.getUser(5);
    expect(fake.requests.map((r) => r.url)).toEqual(["/api/v1/users/5", "/api/v1/users/5"]);
  });

  it("tolerates a token configured with a 'Bearer ' prefix", async () => {
    fake.reply({ json: userAnswer({ id: 5 }) });
    await makeClient(fake, { token: `Bearer ${FAKE_TOKEN}` }).client.getUser(5);
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${FAKE_TOKEN}`);
  });

  it("puts the verification id into the path (an id that could walk out of it is refused: see trust.test.ts)", async () => {
    fake.reply({ json: statusAnswer() });
    const result = await makeClient(fake).client.getStatus(VERIFICATION_ID);
    expect(fake.requests[0].url).toBe(`/api/v1/verification/status/${VERIFICATION_ID}`);
    expect(result.verificationId).toBe(VERIFICATION_ID);
  });
});

describe("startFlow", () => {
  it("sends provider, id_type and partner_return_url for Veriff", async () => {
    fake.reply({ status: 201, json: flowAnswer() });
    const { client } = makeClient(fake);
    await client.startFlow(17, { provider: "veriff", idType: "international", returnUrl: RETURN_URL });

    expect(fake.requests[0].url).toBe("/api/v1/users/17/verification/flows");
    expect(JSON.parse(fake.requests[0].body)).toStrictEqual({
      provider: "veriff",
      id_type: "international",
      partner_return_url: RETURN_URL,
    });
  });

  it("never sends id_type for BankID", async () => {
    fake.reply({ status: 201, json: flowAnswer({ provider: "bankid" }) });
    const { client } = makeClient(fake);
    await client.startFlow(17, { provider: "bankid", returnUrl: RETURN_URL });

    const body = JSON.parse(fake.requests[0].body);
    expect(body).toStrictEqual({ provider: "bankid", partner_return_url: RETURN_URL });
    expect(Object.keys(body)).not.toContain("id_type");
  });

  it("refuses a BankID input carrying an idType without sending anything", async () => {
    const { client } = makeClient(fake);
    const error = await expectFailure(client.startFlow(17, { provider: "bankid", idType: "local", returnUrl: RETURN_URL } as never));
    expect(error.kind).toBe("validation");
    expect(error.httpStatus).toBeUndefined();
    expect(error.fieldErrors).toHaveProperty("id_type");
    expect(error.inputFieldErrors).toHaveProperty("idType");
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses a Veriff input without idType, a bad return URL and a bad user id, sending nothing", async () => {
    const { client } = makeClient(fake);
    const missing = await expectFailure(client.startFlow(17, { provider: "veriff", returnUrl: RETURN_URL } as never));
    expect(missing.inputFieldErrors).toHaveProperty("idType");

    const badUrl = await expectFailure(client.startFlow(17, { provider: "bankid", returnUrl: "javascript:alert(1)" }));
    expect(badUrl.fieldErrors).toHaveProperty("partner_return_url");
    expect(badUrl.inputFieldErrors).toHaveProperty("returnUrl");
    expect(badUrl.safeMessage).toMatch(/^Nothing was sent to EasyFreelance/);

    const tooLong = await expectFailure(client.startFlow(17, { provider: "bankid", returnUrl: `https://portal.example.com/${"a".repeat(2048)}` }));
    expect(tooLong.inputFieldErrors?.returnUrl?.[0]).toMatch(/2048/);

    const badId = await expectFailure(client.startFlow(0, { provider: "bankid", returnUrl: RETURN_URL }));
    expect(badId.inputFieldErrors).toHaveProperty("userId");

    expect(fake.requests).toHaveLength(0);
  });

  it("returns the normalised flow, ignoring unknown fields", async () => {
    fake.reply({ status: 201, json: flowAnswer({ extra_field: { nested: true }, session_token: "xyz" }) });
    const { client, logs } = makeClient(fake);
    const flow = await client.startFlow(17, { provider: "veriff", idType: "local", returnUrl: RETURN_URL });

    expect(flow).toStrictEqual({
      verificationId: VERIFICATION_ID,
      provider: "veriff",
      rawProvider: "veriff",
      status: "pending",
      rawStatus: "pending",
      verificationUrl: "http://127.0.0.1/verify/bounce/abc",
      statusCheckUrl: `https://app.easyfreelance.no/api/v1/verification/status/${VERIFICATION_ID}`,
      expiresAt: new Date("2025-06-01T12:30:00.000Z"),
    });
    expect(logs).toHaveLength(0);
  });

  it("reads an expires_at with an offset as the right instant, and a missing status_check_url as null", async () => {
    fake.reply({ status: 201, json: flowAnswer({ expires_at: "2025-06-01T14:30:00+02:00", status_check_url: undefined }) });
    const flow = await makeClient(fake).client.startFlow(17, { provider: "bankid", returnUrl: RETURN_URL });
    expect(flow.expiresAt.toISOString()).toBe("2025-06-01T12:30:00.000Z");
    expect(flow.statusCheckUrl).toBeNull();
  });

  it("accepts a numeric verification_id and keeps it as a string", async () => {
    fake.reply({ status: 201, json: flowAnswer({ verification_id: 991 }) });
    const flow = await makeClient(fake).client.startFlow(17, { provider: "bankid", returnUrl: RETURN_URL });
    expect(flow.verificationId).toBe("991");
  });

  it("maps an unknown initial status to 'unknown', keeps the raw value and logs it with the session id", async () => {
    fake.reply({ status: 201, json: flowAnswer({ status: "queued_for_review" }) });
    const { client, logs } = makeClient(fake);
    const flow = await client.startFlow(17, { provider: "veriff", idType: "local", returnUrl: RETURN_URL });

    expect(flow.status).toBe("unknown");
    expect(flow.rawStatus).toBe("queued_for_review");
    expect(logs).toHaveLength(1);
    expect(logs[0].meta).toMatchObject({ operation: "startFlow", verificationId: VERIFICATION_ID, rawStatus: "queued_for_review" });
  });

  it("refuses a verification_url that is not http(s) (the user's browser is sent there)", async () => {
    fake.reply({ status: 201, json: flowAnswer({ verification_url: "javascript:alert(document.cookie)" }) });
    const error = await expectFailure(makeClient(fake).client.startFlow(17, { provider: "bankid", returnUrl: RETURN_URL }));
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("verification_url");
  });
});

describe("getStatus", () => {
  it("returns the normalised status with the onboarding object", async () => {
    fake.reply({ json: statusAnswer({ unexpected: "ignored" }) });
    const result = await makeClient(fake).client.getStatus(VERIFICATION_ID);
    expect(result).toStrictEqual({
      verificationId: VERIFICATION_ID,
      userId: 17,
      provider: "veriff",
      rawProvider: "veriff",
      idType: "local",
      rawIdType: "local",
      status: "pending",
      rawStatus: "pending",
      completedAt: null,
      nextAction: "continue_verification",
      rawNextAction: "continue_verification",
      onboarding: {
        steps: { id_verification: false, terms: true, profile: true },
        idVerified: false,
        missingSteps: ["id_verification"],
        isOnboarded: false,
        statusVersion: 3,
        evaluatedAt: new Date("2025-06-01T12:00:00.000Z"),
      },
    });
  });

  it("accepts user_id as a string, onboarding as a JSON string and the legacy entity_verification step", async () => {
    fake.reply({
      json: statusAnswer({
        user_id: "17",
        provider: "bankid",
        id_type: null,
        status: "approved",
        next_action: "redirect_to_partner",
        completed_at: "2025-06-01 12:10:05.123456",
        onboarding: JSON.stringify({
          steps: { entity_verification: true, terms: false },
          missing_steps: ["terms"],
          is_onboarded: false,
          status_version: "2025-06",
          evaluated_at: "2025-06-01T12:10:06Z",
        }),
      }),
    });
    const result = await makeClient(fake).client.getStatus(VERIFICATION_ID);
    expect(result.userId).toBe(17);
    expect(result.idType).toBeNull();
    expect(result.status).toBe("approved");
    expect(result.nextAction).toBe("redirect_to_partner");
    expect(result.completedAt).toEqual(new Date("2025-06-01T12:10:05.123Z"));
    expect(result.onboarding).toStrictEqual({
      steps: { id_verification: true, terms: false },
      idVerified: true,
      missingSteps: ["terms"],
      isOnboarded: false,
      statusVersion: "2025-06",
      evaluatedAt: new Date("2025-06-01T12:10:06.000Z"),
    });
  });

  it("reads onboarding null as null and an onboarded user as onboarded", async () => {
    fake.enqueue(
      { json: statusAnswer({ onboarding: null }) },
      {
        json: statusAnswer({
          onboarding: { steps: { id_verification: 1, terms: "true" }, missing_steps: {}, is_onboarded: true, status_version: null },
        }),
      },
    );
    const { client } = makeClient(fake);
    expect((await client.getStatus(VERIFICATION_ID)).onboarding).toBeNull();
    const onboarded = (await client.getStatus(VERIFICATION_ID)).onboarding;
    expect(onboarded).toStrictEqual({
      steps: { id_verification: true, terms: true },
      idVerified: true,
      missingSteps: [],
      isOnboarded: true,
      statusVersion: null,
      evaluatedAt: null,
    });
  });

  it("fails closed: is_onboarded true with missing steps is not onboarded; PHP-object missing_steps are read", async () => {
    fake.reply({
      json: statusAnswer({
        onboarding: { steps: { id_verification: true, profile: false }, missing_steps: { "1": "profile" }, is_onboarded: true },
      }),
    });
    const onboarding = (await makeClient(fake).client.getStatus(VERIFICATION_ID)).onboarding;
    expect(onboarding?.missingSteps).toEqual(["profile"]);
    expect(onboarding?.isOnboarded).toBe(false);
  });

  it("maps unknown status and next_action to 'unknown', keeps raw values and logs both", async () => {
    fake.reply({ json: statusAnswer({ status: "resubmission_requested", next_action: "call_support" }) });
    const { client, logs } = makeClient(fake);
    const result = await client.getStatus(VERIFICATION_ID);

    expect(result.status).toBe("unknown");
    expect(result.rawStatus).toBe("resubmission_requested");
    expect(result.nextAction).toBe("unknown");
    expect(result.rawNextAction).toBe("call_support");
    expect(logs.map((l) => l.meta)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ verificationId: VERIFICATION_ID, rawStatus: "resubmission_requested" }),
        expect.objectContaining({ verificationId: VERIFICATION_ID, rawNextAction: "call_support" }),
      ]),
    );
  });

  it("reads a missing next_action as unknown (null raw value)", async () => {
    fake.reply({ json: statusAnswer({ next_action: undefined }) });
    const { client, logs } = makeClient(fake);
    const result = await client.getStatus(VERIFICATION_ID);
    expect(result.nextAction).toBe("unknown");
    expect(result.rawNextAction).toBeNull();
    expect(logs).toHaveLength(1);
  });

  it("recognises every documented status", async () => {
    const { client } = makeClient(fake);
    for (const status of ["pending", "approved", "declined", "cancelled", "expired", "error"]) {
      fake.enqueue({ json: statusAnswer({ status }) });
      expect((await client.getStatus(VERIFICATION_ID)).status).toBe(status);
    }
  });

  it("fills in a missing verification_id and refuses an answer about another session", async () => {
    fake.enqueue({ json: statusAnswer({ verification_id: undefined }) }, { json: statusAnswer({ verification_id: "other-session" }) });
    const { client } = makeClient(fake);
    expect((await client.getStatus(VERIFICATION_ID)).verificationId).toBe(VERIFICATION_ID);
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("malformed");
  });

  it("accepts the answer wrapped in a Laravel resource {data: ...}", async () => {
    fake.reply({ json: { data: statusAnswer({ status: "declined", next_action: "retry" }) } });
    const result = await makeClient(fake).client.getStatus(VERIFICATION_ID);
    expect(result.status).toBe("declined");
    expect(result.nextAction).toBe("retry");
  });

  it("refuses an unreadable completed_at as malformed", async () => {
    fake.reply({ json: statusAnswer({ completed_at: "yesterday" }) });
    const { client, logs } = makeClient(fake);
    const error = await expectFailure(client.getStatus(VERIFICATION_ID));
    expect(error.kind).toBe("malformed");
    expect(logs[0].meta).toMatchObject({ operation: "getStatus" });
    expect(JSON.stringify(logs[0].meta)).toContain("completed_at");
  });
});

describe("registerReturnUrl", () => {
  it("sends partner_return_url and reads the registration, keeping an unknown status", async () => {
    fake.reply({
      status: 201,
      json: {
        id: 12,
        partner_id: "3",
        status: "awaiting_admin",
        requested_url: RETURN_URL,
        requested_at: "2025-06-01T10:00:00Z",
        normalized_host: "portal.example.com",
        something_new: 1,
      },
    });
    const registration = await makeClient(fake).client.registerReturnUrl({ returnUrl: RETURN_URL });

    expect(fake.requests[0].url).toBe("/api/v1/verification-return-urls");
    expect(JSON.parse(fake.requests[0].body)).toStrictEqual({ partner_return_url: RETURN_URL });
    expect(registration).toStrictEqual({
      id: "12",
      partnerId: 3,
      status: "awaiting_admin",
      requestedUrl: RETURN_URL,
      requestedAt: new Date("2025-06-01T10:00:00.000Z"),
      normalizedHost: "portal.example.com",
    });
  });
});

describe("upsertUser", () => {
  it("maps camelCase input to the snake_case body, sending only given fields", async () => {
    fake.reply({ json: userAnswer() });
    await makeClient(fake).client.upsertUser({
      email: "kari@example.no",
      internalId: null,
      firstName: "Kari",
      lastName: "Nordmann",
      postalCode: "0150",
      phone: "4791234567",
      mainWork: true,
      bankAccountNumber: "1234.56.78903",
    });
    expect(fake.requests[0].url).toBe("/api/v1/users");
    expect(JSON.parse(fake.requests[0].body)).toStrictEqual({
      email: "kari@example.no",
      internal_id: null,
      first_name: "Kari",
      last_name: "Nordmann",
      postal_code: "0150",
      phone: "4791234567",
      main_work: true,
      bank_account_number: "12345678903",
    });
  });

  it("sends IBAN and BIC under their API names", async () => {
    fake.reply({ json: userAnswer() });
    await makeClient(fake).client.upsertUser({
      email: "a@example.com",
      internalId: 9,
      bankIban: "DE89 3704 0044 0532 0130 00",
      bankBic: "cobadeffxxx",
    });
    expect(JSON.parse(fake.requests[0].body)).toStrictEqual({
      email: "a@example.com",
      internal_id: 9,
      bank_iban_number: "DE89370400440532013000",
      bank_bic_number: "COBADEFFXXX",
    });
  });

  it("refuses invalid input with field errors under both naming schemes, sending nothing", async () => {
    const { client } = makeClient(fake);
    const both = await expectFailure(
      client.upsertUser({ email: "a@example.com", bankAccountNumber: "12345678903", bankIban: "DE89370400440532013000", bankBic: "COBADEFFXXX" }),
    );
    expect(both.kind).toBe("validation");
    expect(Object.keys(both.fieldErrors ?? {}).sort()).toEqual(["bank_account_number", "bank_bic_number", "bank_iban_number"]);
    expect(Object.keys(both.inputFieldErrors ?? {}).sort()).toEqual(["bankAccountNumber", "bankBic", "bankIban"]);

    const ibanOnly = await expectFailure(client.upsertUser({ email: "a@example.com", bankIban: "DE89370400440532013000" }));
    expect(Object.keys(ibanOnly.inputFieldErrors ?? {})).toEqual(["bankBic"]);

    const bicOnly = await expectFailure(client.upsertUser({ email: "a@example.com", bankBic: "COBADEFFXXX" }));
    expect(Object.keys(bicOnly.inputFieldErrors ?? {})).toEqual(["bankIban"]);

    const fields = await expectFailure(
      client.upsertUser({
        email: `${"a".repeat(250)}@example.com`,
        phone: "+47 912",
        postalCode: "12345678901",
        note: "n".repeat(4097),
        internalId: 1.5,
      }),
    );
    expect(Object.keys(fields.inputFieldErrors ?? {}).sort()).toEqual(["email", "internalId", "note", "phone", "postalCode"]);
    expect(fields.fieldErrors).toHaveProperty("postal_code");
    expect(fields.fieldErrors).toHaveProperty("internal_id");

    const badIban = await expectFailure(client.upsertUser({ email: "a@example.com", bankIban: "DE00370400440532013000", bankBic: "COBADEFFXXX" }));
    expect(badIban.inputFieldErrors).toHaveProperty("bankIban");

    expect(fake.requests).toHaveLength(0);
  });

  it("reads the user: string id, internal_id string, main_work 'false', onboarding as a JSON string, dates", async () => {
    fake.reply({ json: userAnswer() });
    const user = await makeClient(fake).client.upsertUser({ email: "kari@example.no" });
    expect(user).toStrictEqual({
      // The fake answers 200: EasyFreelance linked an existing user (201 would be a new one).
      linkedExisting: true,
      id: 123,
      email: "kari@example.no",
      internalId: "55",
      name: "Kari Nordmann",
      firstName: null,
      lastName: null,
      address: null,
      city: null,
      postalCode: null,
      phone: "4791234567",
      mainWork: false,
      note: null,
      bankAccountNumber: null,
      bankIban: null,
      bankBic: null,
      onboarding: {
        steps: { id_verification: true, terms: true, profile: true },
        idVerified: true,
        missingSteps: [],
        isOnboarded: true,
        statusVersion: "v2",
        evaluatedAt: new Date("2025-05-30T08:15:00.000Z"),
      },
      createdAt: new Date("2025-05-01T09:00:00.000Z"),
    });
  });

  it("refuses a user whose id is not numeric", async () => {
    fake.reply({ json: userAnswer({ id: "abc" }) });
    const error = await expectFailure(makeClient(fake).client.upsertUser({ email: "kari@example.no" }));
    expect(error.kind).toBe("malformed");
    expect(error.httpStatus).toBe(200);
  });
});

describe("getUser", () => {
  it("GETs /users/{id} and reads the onboarding object", async () => {
    fake.reply({
      json: userAnswer({
        id: 5,
        internal_id: 77,
        main_work: true,
        onboarding: { steps: { id_verification: false }, missing_steps: ["id_verification", "terms"], is_onboarded: false },
      }),
    });
    const user = await makeClient(fake).client.getUser(5);
    expect(fake.requests[0]).toMatchObject({ method: "GET", url: "/api/v1/users/5" });
    expect(user.id).toBe(5);
    expect(user.internalId).toBe("77");
    expect(user.mainWork).toBe(true);
    expect(user.onboarding?.missingSteps).toEqual(["id_verification", "terms"]);
    expect(user.onboarding?.idVerified).toBe(false);
  });

  it("refuses an answer about another user", async () => {
    fake.reply({ json: userAnswer({ id: 6 }) });
    const error = await expectFailure(makeClient(fake).client.getUser(5));
    expect(error.kind).toBe("malformed");
  });
});
