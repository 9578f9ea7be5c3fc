// One active session per employee, enforced by the database; start over; late results.
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { findSessionByReference } from "@/lib/db/sessions";
import { startVerification } from "@/lib/verification/service";
import { refreshSession } from "@/lib/verification/status-refresh";
import { createEmployee, createStaff, markReturned } from "../support/db";

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] });
const control = sandbox.control;
const upstreamFlows = (efUserId: number) => control.requests.count("flows", (request) => request.path.includes(`/${efUserId}/`));

beforeEach(async () => {
  await control.faults.clear();
});

describe("one active session per employee", () => {
  it("50 concurrent starts for one employee make exactly one upstream session, and all get its link", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const input = { employeeId: employee.id, provider: "veriff", idType: "local" } as const;
    const results = await Promise.all(Array.from({ length: 50 }, () => startVerification(input, staff)));

    expect(await upstreamFlows(employee.efUserId)).toBe(1);
    expect(results.every((result) => result.ok)).toBe(true);
    const ids = new Set(results.map((result) => (result.ok ? result.session.id : null)));
    expect(ids.size).toBe(1);
    const urls = new Set(results.map((result) => (result.ok ? result.session.verificationUrl : null)));
    expect(urls.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.reused)).toHaveLength(1);

    const rows = await prisma().verificationSession.findMany({ where: { employeeId: employee.id }, include: { events: true } });
    expect(rows).toHaveLength(1);
    const types = rows[0].events.map((event) => event.type);
    expect(types.filter((type) => type === "started")).toHaveLength(1);
    expect(types.filter((type) => type === "reused")).toHaveLength(49);
    expect(rows[0].events.filter((event) => event.type === "reused").every((event) => event.actorId === staff.id)).toBe(true);
  });

  it("the database itself refuses a second starting or pending session for an employee", async () => {
    const employee = await createEmployee();
    const base = { employeeId: employee.id, provider: "bankid" as const, returnUrl: "x" };
    await prisma().verificationSession.create({ data: { ...base, reference: `a-${employee.id}`, status: "pending" } });
    await expect(prisma().verificationSession.create({ data: { ...base, reference: `b-${employee.id}`, status: "starting" } })).rejects.toThrow();
    // Finished ones do not count.
    await prisma().verificationSession.create({ data: { ...base, reference: `c-${employee.id}`, status: "approved" } });
    await prisma().verificationSession.create({ data: { ...base, reference: `d-${employee.id}`, status: "superseded" } });
  });

  it("when the one upstream call fails, the waiting requests report that failure instead of calling again", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    await control.faults.add({ endpoint: "flows", userId: employee.efUserId, fault: { kind: "timeout", delayMs: 400 } });
    const input = { employeeId: employee.id, provider: "bankid" } as const;
    const results = await Promise.all(Array.from({ length: 10 }, () => startVerification(input, staff)));
    expect(await upstreamFlows(employee.efUserId)).toBe(1);
    expect(results.every((result) => !result.ok && /EasyFreelance/.test(result.error))).toBe(true);
  });

  it("refuses another provider while one is open, without calling EasyFreelance", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    const other = await startVerification({ employeeId: employee.id, provider: "veriff", idType: "local" }, staff);
    expect(other).toEqual({ ok: false, error: expect.stringContaining("already has an open BankID verification") });
    expect(await upstreamFlows(employee.efUserId)).toBe(1);
  });

  it("an expired pending session or a start that died mid-call does not block a new start", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    if (!first.ok) throw new Error(first.error);
    await prisma().verificationSession.update({ where: { id: first.session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const second = await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    expect(second).toMatchObject({ ok: true, reused: false });
    expect((await prisma().verificationSession.findUniqueOrThrow({ where: { id: first.session.id } })).status).toBe("expired");

    const stuck = await createEmployee();
    const dead = await prisma().verificationSession.create({
      data: {
        employeeId: stuck.id,
        provider: "bankid",
        returnUrl: "x",
        reference: `stuck-${stuck.id}`,
        status: "starting",
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const fresh = await startVerification({ employeeId: stuck.id, provider: "bankid" }, staff);
    expect(fresh.ok ? "started" : fresh.error).toBe("started");
    expect((await prisma().verificationSession.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("failed");
  });
});

describe("start over", () => {
  it("supersedes the old session, starts a new one, and still records a late result for the old link", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const input = { employeeId: employee.id, provider: "veriff", idType: "international" } as const;
    const first = await startVerification(input, staff);
    if (!first.ok) throw new Error(first.error);

    // Two clicks on "Start over" for the same old session: one replacement, not two.
    const [a, b] = await Promise.all([
      startVerification({ ...input, replaceSessionId: first.session.id }, staff),
      startVerification({ ...input, replaceSessionId: first.session.id }, staff),
    ]);
    if (!a.ok || !b.ok) throw new Error("start over failed");
    expect(a.session.id).toBe(b.session.id);
    expect(a.session.id).not.toBe(first.session.id);
    expect(a.session.verificationUrl).not.toBe(first.session.verificationUrl);
    expect(await upstreamFlows(employee.efUserId)).toBe(2);

    const old = await prisma().verificationSession.findUniqueOrThrow({ where: { id: first.session.id }, include: { events: true } });
    expect(old.status).toBe("superseded");
    expect(old.events.find((event) => event.type === "superseded")).toMatchObject({
      actorId: staff.id,
      fromStatus: "pending",
      toStatus: "superseded",
    });

    // Upstream still says pending for the old one: nothing changes (and it does not become active again).
    const stillOld = await findSessionByReference(first.session.reference);
    expect((await refreshSession(stillOld!, new Date(Date.now() + 10_000))).status).toBe("superseded");

    // The employee finishes the old link anyway: the late result is recorded on the old session.
    const done = await fetch(first.session.verificationUrl!, {
      method: "POST",
      body: new URLSearchParams({ outcome: "approve" }),
      redirect: "manual",
    });
    expect(done.status).toBe(303);
    await markReturned(first.session, 0);
    const late = await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 20_000));
    expect(late.status).toBe("approved");
    const lateEvent = await prisma().sessionEvent.findFirstOrThrow({ where: { sessionId: first.session.id, type: "status_changed" } });
    expect(lateEvent).toMatchObject({ fromStatus: "superseded", toStatus: "approved" });
    expect(lateEvent.data).toMatchObject({ source: "status_endpoint_after_start_over" });
    expect((await prisma().verificationSession.findUniqueOrThrow({ where: { id: a.session.id } })).status).toBe("pending");
  });
});
