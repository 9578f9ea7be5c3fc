// The status refresh under attack or strain: a slow upstream must not be asked twice about one session
// (the claim is a lease as long as a call can take), one request must not fan out into a hundred upstream
// calls, and an answer that contradicts the session must not be recorded on it.
process.env.STATUS_REFRESH_SECONDS = "1";

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FakeEasyFreelance } from "../easyfreelance/fixture";
import { statusAnswer } from "../easyfreelance/helpers";
import { prisma } from "@/lib/db/client";
import { createEmployee, createStaff } from "../support/db";
import { findSessionByReference, sessionFields } from "@/lib/db/sessions";

const fake = FakeEasyFreelance.forThisFile();
beforeAll(() => {
  process.env.EASYFREELANCE_BASE_URL = fake.baseUrl;
});
const logged: string[] = [];
vi.mock("@/lib/log", () => ({
  log: {
    info: () => undefined,
    warn: (msg: string, fields: unknown) => logged.push(`${msg} ${JSON.stringify(fields)}`),
    error: (msg: string, fields: unknown) => logged.push(`${msg} ${JSON.stringify(fields)}`),
  },
}));
const { refreshSession, getSessionStatuses } = await import("@/lib/verification/status-refresh");

async function pendingSession(provider: "veriff" | "bankid" = "veriff") {
  const employee = await createEmployee();
  const staff = await createStaff();
  const id = `${randomBytes(16).toString("hex").slice(0, 8)}-1111-4111-8111-${randomBytes(6).toString("hex")}`;
  const session = await prisma().verificationSession.create({
    data: {
      reference: randomBytes(24).toString("base64url"),
      employeeId: employee.id,
      efVerificationId: id,
      provider,
      idType: provider === "veriff" ? "local" : null,
      status: "pending",
      returnUrl: "http://portal.test/return/x",
      startedById: staff.id,
      lastCheckedAt: new Date(Date.now() - 60_000),
      // The employee is back from EasyFreelance: return-driven refresh asks about the session.
      lastReturnedAt: new Date(Date.now() - 60_000),
    },
    select: sessionFields,
  });
  return {
    session,
    employee,
    answer: (overrides: Record<string, unknown> = {}) => statusAnswer({ verification_id: id, user_id: employee.efUserId, ...overrides }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the refresh claim", () => {
  it("is a lease: while one slow call is out, a caller after the refresh interval does not ask again", async () => {
    const { session, answer } = await pendingSession();
    fake.reply(async () => {
      await sleep(2_500);
      return { json: answer() };
    });
    const first = refreshSession(session);
    await sleep(1_300); // past STATUS_REFRESH_SECONDS (1 s), the first call still out
    const second = await refreshSession((await findSessionByReference(session.reference))!);
    expect(second.status).toBe("pending");
    await first;
    expect(fake.requests).toHaveLength(1);
  });

  it("is released when the call ends, so the next interval asks again", async () => {
    const { session: old, answer } = await pendingSession();
    // Back a second ago: checked now, then again a second later (the gap doubles from STATUS_REFRESH_SECONDS).
    await prisma().verificationSession.update({ where: { id: old.id }, data: { lastReturnedAt: new Date(Date.now() - 1_000) } });
    const session = (await findSessionByReference(old.reference))!;
    fake.reply({ json: answer() });
    await refreshSession(session);
    await sleep(1_100);
    await refreshSession((await findSessionByReference(session.reference))!);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("one request", () => {
  it("runs a bounded number of upstream refreshes at once", async () => {
    const sessions = await Promise.all(Array.from({ length: 12 }, () => pendingSession()));
    const byId = new Map(sessions.map((s) => [s.session.efVerificationId!, s]));
    let inFlight = 0;
    let most = 0;
    fake.reply(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(150);
      inFlight--;
      return { json: byId.get(request.url.split("/").pop()!)!.answer() };
    });
    const result = await getSessionStatuses(sessions.map((s) => s.session.reference));
    expect(result).toHaveLength(12);
    expect(fake.requests).toHaveLength(12);
    expect(most).toBeLessThanOrEqual(4);
  });
});

describe("an answer that contradicts the session", () => {
  it.each([
    ["another user", (employee: { efUserId: number }) => ({ user_id: employee.efUserId + 1 })],
    ["another provider", () => ({ provider: "bankid" })],
    ["another ID type", () => ({ id_type: "international" })],
  ])("naming %s is not recorded (fail closed) and is logged", async (_name, overrides) => {
    const { session, employee, answer } = await pendingSession();
    fake.reply({ json: answer({ status: "approved", completed_at: "2026-01-01T10:00:00Z", ...overrides(employee) }) });
    const after = await refreshSession(session);
    expect(after.status).toBe("pending");
    expect((await findSessionByReference(session.reference))!.status).toBe("pending");
    expect(logged.some((line) => line.includes("contradicts the session"))).toBe(true);
  });

  it("an agreeing answer is recorded", async () => {
    const { session, answer } = await pendingSession();
    fake.reply({ json: answer({ status: "approved", completed_at: "2026-01-01T10:00:00Z" }) });
    expect((await refreshSession(session)).status).toBe("approved");
  });
});

describe("upstream values in log lines", () => {
  it("go through the client's sanitiser (one line, no markup, bounded)", async () => {
    const { session, answer } = await pendingSession();
    fake.reply({ json: answer({ status: `weird\n{"level":"error","msg":"forged"}\u0007${"x".repeat(500)}` }) });
    logged.length = 0;
    await refreshSession(session);
    const line = logged.find((entry) => entry.startsWith("verification: unknown upstream status"))!;
    expect(line).toBeDefined();
    const rawStatus = (JSON.parse(line.slice(line.indexOf("{"))) as { rawStatus: string }).rawStatus;
    expect(rawStatus).not.toMatch(/[\n\u0007]/);
    expect(rawStatus.length).toBeLessThanOrEqual(100);
  });
});
