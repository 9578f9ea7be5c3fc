import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import {
  applyStatusUpdate,
  claimStatusRefresh,
  createStartingSession,
  markSessionFailed,
  markSessionStarted,
  releaseStatusRefresh,
  sessionFields,
  undoStatusRefreshClaim,
} from "@/lib/db/sessions";
import { newSessionReference } from "@/lib/verification/reference";
import { createEmployee, createStaff } from "../support/db";

async function startedSession() {
  const [employee, staff] = await Promise.all([createEmployee(), createStaff()]);
  const created = await createStartingSession({
    reference: newSessionReference(),
    employeeId: employee.id,
    provider: "veriff",
    idType: "local",
    returnUrl: "http://portal.test/return/x",
    startedById: staff.id,
  });
  const session = await markSessionStarted(created, {
    efVerificationId: crypto.randomUUID(),
    verificationUrl: "http://ef.test/verify/1",
    expiresAt: new Date(Date.now() + 60_000),
    status: "pending",
    rawStatus: "pending",
  });
  return { employee, staff, session };
}

describe("sessions data layer", () => {
  it("records a start as a starting row, then pending with a `started` event", async () => {
    const { session } = await startedSession();
    expect(session.status).toBe("pending");
    const events = await prisma().sessionEvent.findMany({ where: { sessionId: session.id } });
    expect(events.map((event) => [event.type, event.fromStatus, event.toStatus])).toEqual([["started", "starting", "pending"]]);
  });

  it("answers the started session exactly as stored (one statement, no re-read)", async () => {
    const { session, staff } = await startedSession();
    expect(await prisma().verificationSession.findUniqueOrThrow({ where: { id: session.id }, select: sessionFields })).toEqual(session);
    const [event] = await prisma().sessionEvent.findMany({ where: { sessionId: session.id } });
    expect(event).toMatchObject({ actorId: staff.id, data: { provider: "veriff" } });
    expect(event.id).toMatch(/^c[0-9a-z]{20,}$/);
    expect(event.createdAt).toEqual(session.statusChangedAt);
  });

  it("supersedes the old session in the start over's own transaction, and not at all when its replacement is gone", async () => {
    const { employee, staff, session: old } = await startedSession();
    const startOver = (replacesSessionId: string) =>
      createStartingSession({
        reference: newSessionReference(),
        employeeId: employee.id,
        provider: "bankid",
        idType: null,
        returnUrl: "http://portal.test/return/y",
        startedById: staff.id,
        replacesSessionId,
      });
    const upstream = (n: number) => ({
      efVerificationId: crypto.randomUUID(),
      verificationUrl: `http://ef.test/verify/${n}`,
      expiresAt: new Date(Date.now() + 60_000),
      status: "pending" as const,
      rawStatus: "pending",
    });

    const replacement = await markSessionStarted(await startOver(old.id), upstream(2));
    const events = (sessionId: string) =>
      prisma().sessionEvent.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" }, select: { type: true, actorId: true, data: true } });
    expect(await prisma().verificationSession.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ status: "superseded" });
    expect((await events(old.id)).at(-1)).toEqual({
      type: "superseded",
      actorId: staff.id,
      data: { reason: "start over", replacedBy: replacement.id },
    });
    expect(await events(replacement.id)).toEqual([{ type: "started", actorId: staff.id, data: { provider: "bankid", replaces: old.id } }]);

    // A start over whose own row has gone (deleted meanwhile): it fails, and the open session stays open.
    const vanished = await startOver(replacement.id);
    await prisma().verificationSession.delete({ where: { id: vanished.id } });
    await expect(markSessionStarted(vanished, upstream(3))).rejects.toThrow();
    expect(await prisma().verificationSession.findUniqueOrThrow({ where: { id: replacement.id } })).toMatchObject({ status: "pending" });
    expect((await events(replacement.id)).map((event) => event.type)).toEqual(["started"]);
  });

  it("keeps a failed start visible with its reason", async () => {
    const employee = await createEmployee();
    const created = await createStartingSession({
      reference: newSessionReference(),
      employeeId: employee.id,
      provider: "bankid",
      idType: null,
      returnUrl: "x",
      startedById: (await createStaff()).id,
    });
    await markSessionFailed(created.id, { kind: "timeout", message: "EasyFreelance did not answer in time." });
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: created.id }, include: { events: true } });
    expect(row.status).toBe("failed");
    expect(row.failureReason).toBe("EasyFreelance did not answer in time.");
    expect(row.events.map((event) => event.type)).toEqual(["start_failed"]);
  });

  it("lets exactly one of many concurrent pollers claim a refresh of what they read", async () => {
    const { session } = await startedSession();
    const seen = session.lastCheckedAt;
    const later = new Date(Date.now() + 10_000);
    const claims = await Promise.all(Array.from({ length: 25 }, () => claimStatusRefresh(session.id, later, seen, 40_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // A poller that read the row before the claim cannot claim again, however late it comes.
    expect(await claimStatusRefresh(session.id, new Date(later.getTime() + 1000), seen, 40_000)).toBe(false);
    // One that read the new check, while the call is out (the lease), neither.
    expect(await claimStatusRefresh(session.id, new Date(later.getTime() + 3000), later, 40_000)).toBe(false);
    // Released (the call ended): a poller that read it may.
    await releaseStatusRefresh(session.id);
    const next = new Date(later.getTime() + 3000);
    expect(await claimStatusRefresh(session.id, next, later, 40_000)).toBe(true);
    // A lease whose holder died runs out.
    expect(await claimStatusRefresh(session.id, new Date(later.getTime() + 44_000), next, 40_000)).toBe(true);
  });

  it("undoes a claim that made no call: the session is as due as before", async () => {
    const { session } = await startedSession();
    const seen = session.lastCheckedAt;
    const claimedAt = new Date(Date.now() + 5_000);
    expect(await claimStatusRefresh(session.id, claimedAt, seen, 40_000)).toBe(true);
    await undoStatusRefreshClaim(session.id, claimedAt, seen);
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastCheckedAt).toEqual(seen);
    expect(row.refreshLeaseUntil).toBeNull();
    expect(await claimStatusRefresh(session.id, new Date(claimedAt.getTime() + 1), seen, 40_000)).toBe(true);
  });

  it("records a transition once even when two refreshes race", async () => {
    const { session } = await startedSession();
    const update = {
      status: "approved" as const,
      rawStatus: "approved",
      nextAction: "redirect_to_partner",
      completedAt: new Date(),
      onboarding: { steps: { id_verification: true } },
      source: "test",
    };
    const results = await Promise.all([applyStatusUpdate(session, update), applyStatusUpdate(session, update)]);
    expect(results.every((row) => row.status === "approved")).toBe(true);
    const changes = await prisma().sessionEvent.findMany({ where: { sessionId: session.id, type: "status_changed" } });
    expect(changes).toHaveLength(1);
    expect([changes[0].fromStatus, changes[0].toStatus]).toEqual(["pending", "approved"]);
  });
});
