// The scheduled sweep against a real database and the EasyFreelance sandbox over HTTP. Test files share one
// database: each test sweeps only its own employees (employeeIds) and backdates only its own rows.
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { startVerification } from "@/lib/verification/service";
import { runSweep, SWEEP_STALE_MS } from "@/lib/verification/sweep";
import { authorizeCron } from "@/lib/auth/cron";
import { createEmployee, createStaff } from "../support/db";
import { findSessionByReference } from "@/lib/db/sessions";
import { refreshSession } from "@/lib/verification/status-refresh";

const CRON_SECRET = "cron-secret-for-tests-0123456789";
const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] }, { CRON_SECRET });
const control = sandbox.control;
const statusCalls = () => control.requests.count("status");
const ago = (ms: number) => new Date(Date.now() - ms);

beforeEach(async () => {
  await control.faults.clear();
  await control.requests.clear();
});

/** `count` employees, each with a pending session that no page has checked for `staleMs`. */
async function pendingSessions(count: number, staleMs = SWEEP_STALE_MS + 60_000) {
  const staff = await createStaff();
  const sessions = [];
  for (let n = 0; n < count; n++) {
    const employee = await createEmployee();
    const result = await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    if (!result.ok) throw new Error(result.error);
    // Oldest check first: session n was last checked n seconds before the others' stale point.
    const lastCheckedAt = ago(staleMs + (count - n) * 1000);
    await prisma().verificationSession.update({ where: { id: result.session.id }, data: { lastCheckedAt } });
    sessions.push({ ...result.session, lastCheckedAt });
  }
  await control.requests.clear();
  return { sessions, employeeIds: sessions.map((session) => session.employeeId) };
}

describe("the sweep", () => {
  it("refreshes a pending session nobody polls, through the status endpoint", async () => {
    const { sessions, employeeIds } = await pendingSessions(1);
    const report = await runSweep({ employeeIds });
    expect(report).toMatchObject({ refreshed: 1, expired: 0, abandoned: 0 });
    expect(await statusCalls()).toBe(1);
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: sessions[0].id } });
    expect(row.lastCheckedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Just checked: a second sweep leaves it alone.
    expect((await runSweep({ employeeIds })).refreshed).toBe(0);
    expect(await statusCalls()).toBe(1);
  });

  it("is the only one to ask about a session without a return, however often its page polls", async () => {
    const staff = await createStaff();
    const employee = await createEmployee();
    const started = await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    if (!started.ok) throw new Error(started.error);
    await control.requests.clear();
    // The status page (or HR's list) asks every few seconds for ten minutes: the employee has not come back,
    // so the answer cannot be final yet and nothing is asked upstream.
    const t0 = Date.now();
    for (let second = 0; second <= 600; second += 5) {
      const session = (await findSessionByReference(started.session.reference))!;
      expect((await refreshSession(session, new Date(t0 + second * 1000))).status).toBe("pending");
    }
    expect(await statusCalls()).toBe(0);
    // The sweep's turn (unchecked for SWEEP_STALE_MS): one call.
    const report = await runSweep({ employeeIds: [employee.id], now: new Date(t0 + SWEEP_STALE_MS + 1_000) });
    expect(report).toMatchObject({ refreshed: 1, budgetSpent: false });
    expect(await statusCalls()).toBe(1);
  });

  it("leaves sessions a page checked recently alone", async () => {
    const { employeeIds } = await pendingSessions(1, 60_000);
    expect((await runSweep({ employeeIds })).refreshed).toBe(0);
    expect(await statusCalls()).toBe(0);
  });

  it("refreshes at most SWEEP_REFRESH_LIMIT sessions per run, oldest check first", async () => {
    const { sessions, employeeIds } = await pendingSessions(4);
    const report = await runSweep({ employeeIds, refreshLimit: 2 });
    expect(report.refreshed).toBe(2);
    expect(await statusCalls()).toBe(2);
    const rows = await prisma().verificationSession.findMany({ where: { id: { in: sessions.map((s) => s.id) } } });
    const refreshed = rows.filter((row) => row.lastCheckedAt!.getTime() > Date.now() - 60_000).map((row) => row.id);
    expect(refreshed.sort()).toEqual([sessions[0].id, sessions[1].id].sort());
  });

  it("two concurrent sweeps refresh each session exactly once", async () => {
    const { sessions, employeeIds } = await pendingSessions(6);
    const [a, b] = await Promise.all([runSweep({ employeeIds }), runSweep({ employeeIds })]);
    expect(a.refreshed + b.refreshed).toBe(6);
    const calls = (await control.requests.list()).filter((request) => request.endpoint === "status");
    expect(calls).toHaveLength(6);
    // One call per session: each verification id asked about once.
    const ids = sessions.map((session) => session.efVerificationId!);
    for (const id of ids) expect(calls.filter((call) => call.path.includes(id))).toHaveLength(1);
  });

  it("expires a session past expires_at that EasyFreelance still calls pending", async () => {
    const { sessions, employeeIds } = await pendingSessions(1, 60_000);
    await prisma().verificationSession.update({ where: { id: sessions[0].id }, data: { expiresAt: ago(1000) } });
    const report = await runSweep({ employeeIds });
    expect(report).toMatchObject({ refreshed: 1, expired: 1 });
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: sessions[0].id }, include: { events: true } });
    expect(row.status).toBe("expired");
    expect(row.events.find((event) => event.type === "status_changed")?.data).toMatchObject({ source: "portal_expiry" });
  });

  it("counts nothing when EasyFreelance fails", async () => {
    const { employeeIds } = await pendingSessions(1);
    await control.faults.add({ endpoint: "status", fault: { kind: "server_error" } });
    expect((await runSweep({ employeeIds })).refreshed).toBe(0);
  });

  it("abandons starts that died mid-call, and only those", async () => {
    const staff = await createStaff();
    const [stale, fresh] = await Promise.all([createEmployee(), createEmployee()]);
    const row = (employeeId: string, createdAt: Date) =>
      prisma().verificationSession.create({
        data: {
          reference: `R${Math.random().toString(36).slice(2).padEnd(31, "x")}`.slice(0, 32),
          employeeId,
          provider: "bankid",
          returnUrl: "http://portal.test/return/x",
          startedById: staff.id,
          status: "starting",
          createdAt,
        },
      });
    const [old, recent] = await Promise.all([row(stale.id, ago(10 * 60_000)), row(fresh.id, ago(10_000))]);
    const employeeIds = [stale.id, fresh.id];
    const [a, b] = await Promise.all([runSweep({ employeeIds }), runSweep({ employeeIds })]);
    expect(a.abandoned + b.abandoned).toBe(1);
    const after = await prisma().verificationSession.findMany({ where: { id: { in: [old.id, recent.id] } }, include: { events: true } });
    const byId = new Map(after.map((session) => [session.id, session]));
    expect(byId.get(old.id)!.status).toBe("failed");
    expect(byId.get(old.id)!.events.filter((event) => event.type === "start_failed")).toHaveLength(1);
    expect(byId.get(recent.id)!.status).toBe("starting");
  });

  // Counters and retention are global: these two sweep "in the year 2000", so only rows this file dates
  // before then are old enough, and the other files' rows (sharing the database) are never touched.
  const y2k = new Date("2000-01-01T00:00:00Z");
  const before2k = (ms: number) => new Date(y2k.getTime() - ms);

  it("prunes rate-limit counters whose window ended long ago", async () => {
    const key = `test:sweep:${Math.random()}`;
    await prisma().rateLimitCounter.createMany({
      data: [
        { key: `${key}:old`, windowStart: before2k(3 * 24 * 3600_000), count: 5 },
        { key: `${key}:current`, windowStart: before2k(60_000), count: 5 },
      ],
    });
    const report = await runSweep({ now: y2k, employeeIds: [] });
    expect(report.countersPruned).toBe(1);
    const left = await prisma().rateLimitCounter.findMany({ where: { key: { startsWith: key } } });
    expect(left.map((counter) => counter.key)).toEqual([`${key}:current`]);
  });

  it("keeps evidence and audit events unless RETENTION_DAYS is set, then drops what is older", async () => {
    const { sessions } = await pendingSessions(1, 60_000);
    const old = before2k(40 * 24 * 3600_000);
    const recent = before2k(10 * 24 * 3600_000);
    const [oldRedirect, newRedirect] = await Promise.all([
      prisma().sessionEvent.create({
        data: { sessionId: sessions[0].id, type: "redirect_received", data: { query: { status: "approved" } }, createdAt: old },
      }),
      prisma().sessionEvent.create({
        data: { sessionId: sessions[0].id, type: "redirect_received", data: { query: { status: "x" } }, createdAt: recent },
      }),
    ]);
    const [oldAudit, newAudit] = await Promise.all([
      prisma().auditEvent.create({ data: { action: "auth.sign_in", createdAt: old } }),
      prisma().auditEvent.create({ data: { action: "auth.sign_in", createdAt: recent } }),
    ]);

    expect(await runSweep({ now: y2k, employeeIds: [], retentionDays: null })).toMatchObject({ eventsPruned: 0, auditPruned: 0 });
    expect(await prisma().auditEvent.count({ where: { id: oldAudit.id } })).toBe(1);

    expect(await runSweep({ now: y2k, employeeIds: [], retentionDays: 30 })).toMatchObject({ eventsPruned: 1, auditPruned: 1 });
    const events = await prisma().sessionEvent.findMany({ where: { id: { in: [oldRedirect.id, newRedirect.id] } } });
    // The return stays on record; only the query string it carried is gone.
    expect(events).toHaveLength(2);
    expect(events.find((event) => event.id === oldRedirect.id)!.data).toBeNull();
    expect(events.find((event) => event.id === newRedirect.id)!.data).toEqual({ query: { status: "x" } });
    expect((await prisma().auditEvent.findMany({ where: { id: { in: [oldAudit.id, newAudit.id] } } })).map((event) => event.id)).toEqual([
      newAudit.id,
    ]);
    // Idempotent: nothing left to prune.
    expect(await runSweep({ now: y2k, employeeIds: [], retentionDays: 30 })).toMatchObject({ eventsPruned: 0, auditPruned: 0 });
  });
});

describe("without CRON_SECRET", () => {
  it("a production server refuses everyone; a development server runs the sweep", () => {
    expect(authorizeCron(null, undefined, true)).toBe(false);
    expect(authorizeCron("Bearer anything", undefined, true)).toBe(false);
    expect(authorizeCron(null, undefined, false)).toBe(true);
    expect(authorizeCron(`Bearer ${CRON_SECRET}`, CRON_SECRET, true)).toBe(true);
    expect(authorizeCron(null, CRON_SECRET, false)).toBe(false);
  });
});
