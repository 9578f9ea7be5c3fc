// Start over is safe (the old link works until the new flow has started), one active session still holds
// when start over races itself and a normal start, and a verified employee stays verified.
import { beforeEach, describe, expect, it } from "vitest";
import type { FaultSpec } from "../../sandbox/faults";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { findSessionByReference } from "@/lib/db/sessions";
import { startVerification, type StartVerificationResult } from "@/lib/verification/service";
import { refreshSession } from "@/lib/verification/status-refresh";
import { getVerifyDialogState } from "@/lib/verification/dialog-state";
import { createEmployee, createStaff, markReturned, resumeUpstreamCalls } from "../support/db";

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] }, { EASYFREELANCE_TIMEOUT_MS: "1000" });
const control = sandbox.control;
const upstreamFlows = (efUserId: number) => control.requests.count("flows", (request) => request.path.includes(`/${efUserId}/`));

function ok(result: StartVerificationResult) {
  if (!result.ok) throw new Error(result.error);
  return result;
}

const bankid = (employeeId: string) => ({ employeeId, provider: "bankid" as const });

async function statuses(employeeId: string) {
  const rows = await prisma().verificationSession.findMany({
    where: { employeeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true },
  });
  return rows.map((row) => row.status);
}

/** The employee finishes a link on the sandbox's hosted page. */
async function finish(verificationUrl: string, outcome: "approve" | "decline" | "cancel") {
  const response = await fetch(verificationUrl, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBe(303);
}

beforeEach(async () => {
  await control.faults.clear();
  // The rate_limited case's 429 pauses every call for its Retry-After (30 s), as it should.
  await resumeUpstreamCalls();
});

describe("start over during an outage keeps the working link", () => {
  const faults: FaultSpec[] = [
    { kind: "server_error" },
    { kind: "timeout", delayMs: 1500 },
    { kind: "rate_limited", retryAfterSeconds: 30 },
    { kind: "reset" },
    { kind: "html" },
    { kind: "malformed" },
    { kind: "unauthorized" },
    { kind: "forbidden" },
    { kind: "not_found" },
    { kind: "validation" },
  ];
  for (const fault of faults) {
    it(`${fault.kind}: the old session stays open, its link works, and the dialog is told so`, async () => {
      const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
      const first = ok(await startVerification(bankid(employee.id), staff));
      await control.faults.add({ endpoint: "flows", userId: employee.efUserId, times: 1, fault });

      const over = await startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff);
      expect(over).toMatchObject({ ok: false, openLinkStillWorks: true, error: expect.stringContaining("still works") });
      expect(await statuses(employee.id)).toEqual(["pending", "failed"]);
      expect(await upstreamFlows(employee.efUserId)).toBe(2);

      // The dialog shows the old link as the open one; the employee on it still gets verified.
      const state = await getVerifyDialogState(employee.id, "en");
      expect(state?.open?.sessionId).toBe(first.session.id);
      expect(state?.lastAttempt?.status).toBe("failed");
      await finish(first.session.verificationUrl!, "approve");
      await markReturned(first.session, 0);
      if (fault.kind === "rate_limited") {
        // EasyFreelance's 429 paused every call for its Retry-After: the page answers from the database meanwhile.
        const paused = await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 10_000));
        expect(paused.status).toBe("pending");
        await resumeUpstreamCalls();
      }
      const done = await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 10_000));
      expect(done.status).toBe("approved");
      expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toMatchObject({
        verifiedSessionId: first.session.id,
        verifiedProvider: "bankid",
        verifiedOnReplacedLink: false,
      });
    });
  }
});

describe("one active session with start over", () => {
  it("start over racing itself (10 clicks) replaces the link once", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff)),
    );
    const ids = new Set(results.map((result) => ok(result).session.id));
    expect(ids.size).toBe(1);
    expect(ids.has(first.session.id)).toBe(false);
    expect(await upstreamFlows(employee.efUserId)).toBe(2);
    expect(await statuses(employee.id)).toEqual(["superseded", "pending"]);
  });

  it("start over racing normal starts: one replacement, the others get a working link, never a third session", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    await control.setLatency(150);
    try {
      const results = await Promise.all([
        startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff),
        ...Array.from({ length: 8 }, () => startVerification(bankid(employee.id), staff)),
      ]);
      const sessions = results.map((result) => ok(result).session);
      const replacement = sessions[0];
      expect(replacement.id).not.toBe(first.session.id);
      // Each normal start got either the old link (before the replacement started) or the new one.
      for (const session of sessions.slice(1)) expect([first.session.id, replacement.id]).toContain(session.id);
    } finally {
      await control.setLatency(0);
    }
    expect(await upstreamFlows(employee.efUserId)).toBe(2);
    expect(await statuses(employee.id)).toEqual(["superseded", "pending"]);
  });

  it("start over racing itself under a fault: one upstream call, every click told the old link still works", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    // The one call fails slowly, so the other clicks are waiting on it when it does.
    await control.faults.add({ endpoint: "flows", userId: employee.efUserId, fault: { kind: "timeout", delayMs: 300 } });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff)),
    );
    for (const result of results) expect(result).toMatchObject({ ok: false, error: expect.stringContaining("still works") });
    expect(await upstreamFlows(employee.efUserId)).toBe(2);
    expect(await statuses(employee.id)).toEqual(["pending", "failed"]);
  });

  it("Start over for a link that is no longer open starts nothing, and says why", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    await finish(first.session.verificationUrl!, "cancel");
    await markReturned(first.session, 0);
    await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 10_000));
    const over = await startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff);
    expect(over).toMatchObject({ ok: false, error: expect.stringContaining("no longer open (cancelled)") });
    expect(await upstreamFlows(employee.efUserId)).toBe(1);
  });
});

describe("verified stays verified", () => {
  it("a new flow for a verified employee needs confirmation, is audited with its reason, and never erases the fact", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    await finish(first.session.verificationUrl!, "approve");
    await markReturned(first.session, 0);
    await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 10_000));
    const verified = await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } });
    expect(verified.verifiedAt).not.toBeNull();

    const unconfirmed = await startVerification({ employeeId: employee.id, provider: "veriff", idType: "local" }, staff);
    expect(unconfirmed).toMatchObject({ ok: false, needsReverifyConfirmation: true, error: expect.stringContaining("already verified") });
    expect(await upstreamFlows(employee.efUserId)).toBe(1);

    // Confirmed, while EasyFreelance is down: a failed attempt beside the fact, not instead of it.
    await control.faults.add({ endpoint: "flows", userId: employee.efUserId, times: 1, fault: { kind: "server_error" } });
    const failed = await startVerification(
      { employeeId: employee.id, provider: "veriff", idType: "local", reverify: { reason: "New contract" } },
      staff,
    );
    expect(failed.ok).toBe(false);
    const again = ok(await startVerification({ employeeId: employee.id, provider: "veriff", idType: "local", reverify: { reason: null } }, staff));
    expect(again.reused).toBe(false);
    expect(await statuses(employee.id)).toEqual(["approved", "failed", "pending"]);
    const after = await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } });
    expect(after).toMatchObject({ verifiedAt: verified.verifiedAt, verifiedSessionId: first.session.id, latestStatus: "pending" });

    const audit = await prisma().auditEvent.findMany({
      where: { targetId: employee.id, action: "verification.reverify_confirmed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((row) => (row.data as { reason: string | null }).reason)).toEqual(["New contract", null]);
    expect(audit.every((row) => row.actorId === staff.id)).toBe(true);
  });

  it("an archived employee cannot be verified: refused on the server, nothing sent", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    await prisma().employee.update({ where: { id: employee.id }, data: { archivedAt: new Date() } });
    expect(await startVerification(bankid(employee.id), staff)).toMatchObject({ ok: false, error: expect.stringContaining("archived") });
    expect(await upstreamFlows(employee.efUserId)).toBe(0);
  });

  it("an approval on a replaced link verifies the employee and is flagged", async () => {
    const [employee, staff] = await Promise.all([createEmployee(), createStaff("hr")]);
    const first = ok(await startVerification(bankid(employee.id), staff));
    ok(await startVerification({ ...bankid(employee.id), replaceSessionId: first.session.id }, staff));
    await finish(first.session.verificationUrl!, "approve");
    await markReturned(first.session, 0);
    const late = await refreshSession((await findSessionByReference(first.session.reference))!, new Date(Date.now() + 10_000));
    expect(late.status).toBe("approved");
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toMatchObject({
      verifiedSessionId: first.session.id,
      verifiedOnReplacedLink: true,
    });
    const state = await getVerifyDialogState(employee.id, "en");
    expect(state?.verified?.onReplacedLink).toBe(true);
    expect(state?.open).not.toBeNull();
  });
});
