// The migrations are written by hand (Prisma's engine cannot run offline): prove the migrated
// database matches schema.prisma by writing and reading back every field of every model.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createEmployee, createStaff } from "../support/db";

describe("migrated database matches schema.prisma", () => {
  it("round-trips every model and field", async () => {
    const staff = await createStaff("admin");
    const employee = await createEmployee();
    await prisma().employee.update({ where: { id: employee.id }, data: { internalId: "E-1" } });
    const session = await prisma().verificationSession.create({
      data: {
        reference: `ref-${employee.efUserId}`,
        employeeId: employee.id,
        efVerificationId: `ef-${employee.efUserId}`,
        provider: "veriff",
        idType: "international",
        status: "unknown",
        rawStatus: "on_hold",
        statusChangedAt: new Date("2026-01-01T00:00:00Z"),
        nextAction: "continue_verification",
        verificationUrl: "https://example.test/v",
        returnUrl: "https://portal.test/return/x",
        expiresAt: new Date("2026-01-02T00:00:00Z"),
        completedAt: new Date("2026-01-01T01:00:00Z"),
        onboarding: { steps: { terms: false } },
        failureReason: "none",
        lastCheckedAt: new Date("2026-01-01T00:30:00Z"),
        refreshLeaseUntil: new Date("2026-01-01T00:31:00Z"),
        returnsReceived: 7,
        startedById: staff.id,
        events: { create: { type: "status_changed", fromStatus: "pending", toStatus: "unknown", data: { a: [1] } } },
      },
      include: { events: true, employee: true, startedBy: true },
    });
    const read = await prisma().verificationSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { events: true, employee: true, startedBy: true },
    });
    expect(read).toEqual(session);
    expect(read.onboarding).toEqual({ steps: { terms: false } });
    expect(read.employee.internalId).toBe("E-1");
    // Kept by the database triggers, not written by the application.
    expect(read.employee).toMatchObject({ latestSessionId: session.id, latestStatus: "unknown" });
    expect(read.startedBy?.role).toBe("admin");
    expect(read.events[0].data).toEqual({ a: [1] });
  });

  it("round-trips the employee's onboarding snapshot and return-URL registrations", async () => {
    const staff = await createStaff("admin");
    const employee = await createEmployee();
    const updated = await prisma().employee.update({
      where: { id: employee.id },
      data: { onboarding: { missingSteps: ["terms"] }, onboardingCheckedAt: new Date("2026-01-03T00:00:00Z") },
    });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toEqual(updated);
    const registration = await prisma().returnUrlRegistration.create({
      data: {
        upstreamId: `reg-${employee.efUserId}`,
        requestedUrl: "https://portal.test/return",
        status: "pending_review",
        requestedAt: new Date("2026-01-01T00:00:00Z"),
        requestedById: staff.id,
        checkedAt: new Date("2026-01-02T00:00:00Z"),
      },
      include: { requestedBy: true },
    });
    const read = await prisma().returnUrlRegistration.findUniqueOrThrow({ where: { id: registration.id }, include: { requestedBy: true } });
    expect(read).toEqual(registration);
    await expect(
      prisma().returnUrlRegistration.create({ data: { upstreamId: registration.upstreamId, requestedUrl: "x", status: "pending" } }),
    ).rejects.toThrow();
    await prisma().staffUser.delete({ where: { id: staff.id } });
    expect((await prisma().returnUrlRegistration.findUniqueOrThrow({ where: { id: registration.id } })).requestedById).toBeNull();
  });

  it("round-trips the audit, rate-limit and session-actor fields and the superseded values", async () => {
    const staff = await createStaff("hr");
    const employee = await createEmployee();
    const audit = await prisma().auditEvent.create({
      data: {
        action: "staff.created",
        actorId: staff.id,
        actorLabel: staff.email,
        targetId: "t-1",
        data: { role: "hr" },
        createdAt: new Date("2026-01-01T00:00:00Z"),
      },
    });
    expect(await prisma().auditEvent.findUniqueOrThrow({ where: { id: audit.id } })).toEqual(audit);

    const counter = await prisma().rateLimitCounter.create({
      data: { key: `k-${employee.id}`, windowStart: new Date("2026-01-01T00:01:00Z"), count: 7 },
    });
    expect(await prisma().rateLimitCounter.findUniqueOrThrow({ where: { key: counter.key } })).toEqual(counter);

    const session = await prisma().verificationSession.create({
      data: {
        reference: `sup-${employee.efUserId}`,
        employeeId: employee.id,
        provider: "bankid",
        returnUrl: "x",
        status: "superseded",
        events: {
          create: [
            { type: "superseded", actorId: staff.id },
            { type: "reused", actorId: staff.id },
          ],
        },
      },
      include: { events: { include: { actor: true } } },
    });
    const read = await prisma().verificationSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { events: { include: { actor: true } } },
    });
    expect(read).toEqual(session);
    expect(read.events.map((event) => event.actor?.id)).toEqual([staff.id, staff.id]);

    // Deleting a staff member keeps the records, without the link.
    await prisma().staffUser.delete({ where: { id: staff.id } });
    expect((await prisma().auditEvent.findUniqueOrThrow({ where: { id: audit.id } })).actorId).toBeNull();
    expect((await prisma().sessionEvent.findMany({ where: { sessionId: session.id } })).every((event) => event.actorId === null)).toBe(true);
  });

  it("round-trips the verification fact, archiving, start-over link and return-URL approvals", async () => {
    const employee = await createEmployee();
    const old = await prisma().verificationSession.create({
      data: {
        reference: `old-${employee.efUserId}`,
        employeeId: employee.id,
        provider: "veriff",
        idType: "local",
        returnUrl: "x",
        status: "pending",
      },
    });
    // A start over's row may be starting beside the pending one it replaces.
    const replacement = await prisma().verificationSession.create({
      data: {
        reference: `new-${employee.efUserId}`,
        employeeId: employee.id,
        provider: "bankid",
        returnUrl: "x",
        status: "starting",
        replacesSessionId: old.id,
      },
      include: { replaces: true },
    });
    expect(replacement.replaces?.id).toBe(old.id);
    expect(
      (await prisma().verificationSession.findUniqueOrThrow({ where: { id: old.id }, include: { replacements: true } })).replacements.map(
        (r) => r.id,
      ),
    ).toEqual([replacement.id]);
    const updated = await prisma().employee.update({
      where: { id: employee.id },
      data: {
        verifiedAt: new Date("2026-01-04T00:00:00Z"),
        verifiedProvider: "veriff",
        verifiedIdType: "international",
        verifiedSessionId: old.id,
        verifiedOnReplacedLink: true,
        archivedAt: new Date("2026-01-05T00:00:00Z"),
      },
    });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toEqual(updated);
    // Deleting the replaced session keeps its replacement, without the link.
    await prisma().verificationSession.delete({ where: { id: old.id } });
    expect((await prisma().verificationSession.findUniqueOrThrow({ where: { id: replacement.id } })).replacesSessionId).toBeNull();

    const approval = await prisma().returnUrlApproval.create({
      data: {
        url: `https://portal.test/return-${employee.efUserId}`,
        approved: false,
        evidence: "flow_rejected",
        sessionId: "s-1",
        learntAt: new Date("2026-01-06T00:00:00Z"),
      },
    });
    expect(await prisma().returnUrlApproval.findUniqueOrThrow({ where: { url: approval.url } })).toEqual(approval);
  });

  it("enforces the unique keys the schema declares", async () => {
    const employee = await createEmployee();
    await expect(createEmployee({ efUserId: employee.efUserId })).rejects.toThrow();
    const staff = await createStaff();
    await expect(prisma().staffUser.create({ data: { email: staff.email, name: "dup", passwordHash: "x" } })).rejects.toThrow();
  });

  it("deleting an employee removes their sessions and events", async () => {
    const employee = await createEmployee();
    const session = await prisma().verificationSession.create({
      data: {
        reference: `del-${employee.efUserId}`,
        employeeId: employee.id,
        provider: "bankid",
        returnUrl: "x",
        events: { create: { type: "started" } },
      },
    });
    await prisma().employee.delete({ where: { id: employee.id } });
    expect(await prisma().verificationSession.findUnique({ where: { id: session.id } })).toBeNull();
    expect(await prisma().sessionEvent.count({ where: { sessionId: session.id } })).toBe(0);
  });
});
