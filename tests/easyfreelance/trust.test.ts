// Defence in depth against a wrong or compromised EasyFreelance answer: a link to another site handed to
// employees, an id that walks out of its path, a status answer about another user, provider or ID type.
import { afterAll, describe, expect, it } from "vitest";
import { FakeEasyFreelance } from "./fixture";
import { VERIFICATION_ID, captured, expectFailure, expectNoSecrets, flowAnswer, makeClient, statusAnswer } from "./helpers";
import { createEasyFreelanceClient } from "@/lib/easyfreelance/client";

const fake = FakeEasyFreelance.forThisFile();
afterAll(() => expectNoSecrets(captured));

const RETURN_URL = "https://portal.example.com/return/abc";
const start = (client: ReturnType<typeof makeClient>["client"]) =>
  client.startFlow(17, { provider: "veriff", idType: "local", returnUrl: RETURN_URL });

describe("verification_url handed to employees", () => {
  it("is refused when it points anywhere but EasyFreelance's own host (here the loopback sandbox)", async () => {
    for (const url of ["https://evil.example/verify/abc", "https://app.easyfreelance.no.evil.example/verify", "javascript:alert(1)"]) {
      fake.reply({ json: flowAnswer({ verification_url: url }) });
      const { client, logs } = makeClient(fake);
      const error = await expectFailure(start(client));
      expect(error.kind).toBe("malformed");
      // (javascript: is not even a URL the answer's schema accepts; the others are logged by name.)
      if (url.startsWith("https:")) expect(logs.some((entry) => /verification_url/.test(entry.message))).toBe(true);
    }
  });

  it("is accepted on the sandbox's loopback host", async () => {
    fake.reply({ json: flowAnswer({ verification_url: `${new URL(fake.baseUrl).origin}/verify/abc` }) });
    expect((await start(makeClient(fake).client)).verificationUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify\/abc$/);
  });

  it("must be https on the configured host in production", async () => {
    const seen: string[] = [];
    const answer = (url: string) => async () => {
      seen.push(url);
      return Response.json(flowAnswer({ verification_url: url }), { status: 201 });
    };
    const client = (url: string) =>
      createEasyFreelanceClient({
        baseUrl: "https://app.easyfreelance.no/api/v1",
        token: "42|token-for-the-test",
        apiKey: "d3adb33f-5ec7-4e7a-9c1d-feedfacecafe",
        fetch: answer(url),
      });
    const good = await client("https://app.easyfreelance.no/verify/bounce/abc").startFlow(17, { provider: "bankid", returnUrl: RETURN_URL });
    expect(good.verificationUrl).toBe("https://app.easyfreelance.no/verify/bounce/abc");
    for (const bad of ["http://app.easyfreelance.no/verify/bounce/abc", "https://other.easyfreelance.example/verify", "http://127.0.0.1/verify"]) {
      await expect(client(bad).startFlow(17, { provider: "bankid", returnUrl: RETURN_URL })).rejects.toMatchObject({ kind: "malformed" });
    }
  });
});

describe("verification_id", () => {
  it("is refused before it is put into a path when it does not look like an id", async () => {
    const { client } = makeClient(fake);
    for (const id of ["../users/5", "a/b", "..", "abc%2F..", "a b"]) {
      const error = await expectFailure(client.getStatus(id));
      expect(error.kind).toBe("validation");
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("is refused in a started flow's answer", async () => {
    fake.reply({ json: flowAnswer({ verification_id: "../../users/17" }) });
    expect((await expectFailure(start(makeClient(fake).client))).kind).toBe("malformed");
  });
});

describe("a status answer that contradicts the session", () => {
  const expected = { userId: 17, provider: "veriff" as const, idType: "local" as const };
  it.each([
    ["another user", { user_id: 18 }],
    ["another provider", { provider: "bankid" }],
    ["an unknown provider", { provider: "somethingelse" }],
    ["another ID type", { id_type: "international" }],
  ])("is refused (fail closed) when it names %s, and logged", async (_name, overrides) => {
    fake.reply({ json: statusAnswer({ status: "approved", completed_at: "2025-06-01T12:10:00Z", ...overrides }) });
    const { client, logs } = makeClient(fake);
    const error = await expectFailure(client.getStatus(VERIFICATION_ID, expected));
    expect(error.kind).toBe("malformed");
    expect(logs.map((entry) => entry.message)).toContain("EasyFreelance's status answer contradicts the session");
  });

  it("is accepted when it agrees, or leaves a field out", async () => {
    fake.reply({ json: statusAnswer({ user_id: null, id_type: null }) });
    expect((await makeClient(fake).client.getStatus(VERIFICATION_ID, expected)).status).toBe("pending");
    fake.reply({ json: statusAnswer() });
    expect((await makeClient(fake).client.getStatus(VERIFICATION_ID, expected)).userId).toBe(17);
  });
});
