// Every documented endpoint the portal uses, through the real client against the sandbox over HTTP,
// including the contract's awkward parts (ids as strings or numbers, onboarding as a string or an
// object, steps still missing after an approval, extra query parameters, expiry).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { captured, expectNoSecrets } from "../easyfreelance/helpers";
import { OTHER_API_KEY, OTHER_TOKEN, RETURN_BASE, finishFlow, freshUserId, partnerClient, returnUrl, contractSandboxForThisFile } from "./support";

const sb = contractSandboxForThisFile();
let client: ReturnType<typeof partnerClient>["client"];
let logs: ReturnType<typeof partnerClient>["logs"];

beforeAll(async () => {
  ({ client, logs } = partnerClient(sb));
});
beforeEach(async () => {
  await sb.control.requests.clear();
  logs.length = 0;
});
afterAll(async () => {
  expectNoSecrets(captured);
});

describe("POST /users/{id}/verification/flows", () => {
  it("starts a Veriff flow with id_type and reads the created session", async () => {
    const userId = freshUserId();
    const before = Date.now();
    const flow = await client.startFlow(userId, { provider: "veriff", idType: "international", returnUrl: returnUrl() });
    expect(flow.verificationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(flow.provider).toBe("veriff");
    expect(flow.status).toBe("pending");
    expect(flow.verificationUrl).toBe(`${sb.url}/verify/${flow.verificationId}`);
    expect(flow.statusCheckUrl).toBe(`${sb.apiBaseUrl}/verification/status/${flow.verificationId}`);
    expect(flow.expiresAt.getTime()).toBeGreaterThan(before);
    const status = await client.getStatus(flow.verificationId);
    expect(status).toMatchObject({ userId, provider: "veriff", idType: "international", status: "pending", nextAction: "continue_verification" });
    expect(await sb.control.requests.count("flows")).toBe(1);
    expect(logs).toEqual([]); // a documented answer with an unknown field ("sandbox") is not worth a warning
  });

  it("starts a BankID flow without id_type", async () => {
    const flow = await client.startFlow(freshUserId(), { provider: "bankid", returnUrl: returnUrl() });
    expect(flow.provider).toBe("bankid");
    expect((await client.getStatus(flow.verificationId)).idType).toBeNull();
  });

  it("accepts the approved base itself as the return URL", async () => {
    const flow = await client.startFlow(freshUserId(), { provider: "bankid", returnUrl: RETURN_BASE });
    expect(flow.status).toBe("pending");
  });
});

describe("GET /verification/status/{id}", () => {
  it("follows a session to approved, with completed_at, next_action and the onboarding object", async () => {
    const userId = freshUserId();
    const flow = await client.startFlow(userId, { provider: "veriff", idType: "local", returnUrl: returnUrl() });
    const pending = await client.getStatus(flow.verificationId);
    expect(pending.completedAt).toBeNull();
    expect(pending.onboarding).toMatchObject({ idVerified: false, missingSteps: ["id_verification"], isOnboarded: false });

    const back = await finishFlow(flow.verificationUrl, "approve");
    // The redirect carries parameters of EasyFreelance's choosing; the portal trusts none of them.
    expect(back.origin + back.pathname).toMatch(new RegExp(`^${RETURN_BASE}/`));
    expect(back.searchParams.get("verification_id")).toBe(flow.verificationId);

    const approved = await client.getStatus(flow.verificationId);
    expect(approved.status).toBe("approved");
    expect(approved.nextAction).toBe("redirect_to_partner");
    expect(approved.completedAt).toBeInstanceOf(Date);
    expect(approved.onboarding).toMatchObject({
      steps: { id_verification: true, terms: true, profile: true },
      idVerified: true,
      missingSteps: [],
      isOnboarded: true,
    });
  });

  it("reports steps still missing after an approval when the employee has not accepted the terms", async () => {
    const userId = freshUserId();
    await sb.control.updateUser(userId, { terms: false });
    const flow = await client.startFlow(userId, { provider: "bankid", returnUrl: returnUrl() });
    await finishFlow(flow.verificationUrl, "approve");
    const approved = await client.getStatus(flow.verificationId);
    expect(approved.status).toBe("approved");
    expect(approved.onboarding).toMatchObject({ idVerified: true, missingSteps: ["terms"], isOnboarded: false });
  });

  it("maps decline, cancel and provider error to their statuses and next actions", async () => {
    const expected = { decline: ["declined", "retry"], cancel: ["cancelled", "redirect_to_partner"], error: ["error", "show_error"] } as const;
    for (const [outcome, [status, nextAction]] of Object.entries(expected)) {
      const flow = await client.startFlow(freshUserId(), { provider: "bankid", returnUrl: returnUrl() });
      await finishFlow(flow.verificationUrl, outcome as keyof typeof expected);
      expect(await client.getStatus(flow.verificationId)).toMatchObject({ status, nextAction });
    }
  });

  it("reads an expired session as expired", async () => {
    const flow = await client.startFlow(freshUserId(), { provider: "bankid", returnUrl: returnUrl() });
    await sb.control.expireSession(flow.verificationId);
    expect(await client.getStatus(flow.verificationId)).toMatchObject({ status: "expired", nextAction: "retry" });
  });

  it("reads onboarding as unknown (null) when EasyFreelance has no user record", async () => {
    const userId = freshUserId();
    const flow = await client.startFlow(userId, { provider: "bankid", returnUrl: returnUrl() });
    await sb.control.updateUser(userId, { missing: true });
    const status = await client.getStatus(flow.verificationId);
    expect(status.onboarding).toBeNull();
  });
});

describe("POST /verification-return-urls", () => {
  it("is pending until an EasyFreelance admin approves it; registering again returns the same registration", async () => {
    const url = `https://portal-${freshUserId()}.example.com/return`;
    const first = await client.registerReturnUrl({ returnUrl: url });
    expect(first).toMatchObject({ requestedUrl: url, status: "pending", partnerId: 1 });
    expect(first.requestedAt).toBeInstanceOf(Date);

    // Not approved yet: a flow using it is refused.
    await expect(client.startFlow(freshUserId(), { provider: "bankid", returnUrl: `${url}/x` })).rejects.toMatchObject({
      kind: "validation",
      httpStatus: 422,
    });

    const again = await client.registerReturnUrl({ returnUrl: url });
    expect(again.id).toBe(first.id);
    expect(again.status).toBe("pending");

    await sb.control.approveReturnUrl(first.id);
    const approved = await client.registerReturnUrl({ returnUrl: url });
    expect(approved).toMatchObject({ id: first.id, status: "approved" });
    const flow = await client.startFlow(freshUserId(), { provider: "bankid", returnUrl: `${url}/abc` });
    expect(flow.status).toBe("pending");
  });

  it("registrations belong to one partner", async () => {
    const url = `https://other-${freshUserId()}.example.com/return`;
    const { client: other } = partnerClient(sb, { token: OTHER_TOKEN, apiKey: OTHER_API_KEY });
    const theirs = await other.registerReturnUrl({ returnUrl: url });
    const ours = await client.registerReturnUrl({ returnUrl: url });
    expect(ours.id).not.toBe(theirs.id);
    expect(ours.partnerId).toBe(1);
    expect(theirs.partnerId).toBe(2);
  });
});

describe("POST /users and GET /users/{id}", () => {
  it("creates a user, then links the same email instead of creating another", async () => {
    const email = `kari.${freshUserId()}@example.no`;
    const created = await client.upsertUser({
      email,
      internalId: freshUserId(),
      firstName: "Kari",
      lastName: "Nordmann",
      phone: "4791234567",
      bankAccountNumber: "1234.56.78903",
    });
    expect(created.id).toBeGreaterThan(0); // sent as a string, read as a number
    expect(created).toMatchObject({ email, firstName: "Kari", lastName: "Nordmann", phone: "4791234567", bankAccountNumber: "12345678903" });
    expect(created.internalId).toMatch(/^\d+$/);
    // onboarding comes as a JSON string on POST /users
    expect(created.onboarding).toMatchObject({ idVerified: false, isOnboarded: false });

    const linked = await client.upsertUser({ email, firstName: "Other" });
    expect(linked.id).toBe(created.id);
    expect(linked.firstName).toBe("Kari"); // only email and internal_id are used when linking

    const read = await client.getUser(created.id);
    expect(read).toMatchObject({ id: created.id, email, mainWork: false, name: "Kari Nordmann" });
    // ...and as an object on GET /users/{id}
    expect(read.onboarding?.missingSteps).toContain("id_verification");
  });

  it("sends international bank details as IBAN and BIC", async () => {
    const user = await client.upsertUser({ email: `intl.${freshUserId()}@example.no`, bankIban: "NO93 8601 1117 947", bankBic: "DNBANOKK" });
    expect(user).toMatchObject({ bankIban: "NO9386011117947", bankBic: "DNBANOKK", bankAccountNumber: null });
  });

  it("shows the onboarding of a user after their verification", async () => {
    const created = await client.upsertUser({ email: `verified.${freshUserId()}@example.no` });
    const flow = await client.startFlow(created.id, { provider: "bankid", returnUrl: returnUrl() });
    await finishFlow(flow.verificationUrl, "approve");
    expect((await client.getUser(created.id)).onboarding).toMatchObject({ idVerified: true });
  });
});
