// The Employees list: search, filters (verification fact, latest attempt, archived), pagination, trigger-kept columns.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { searchEmployees } from "@/lib/db/employees";
import { applyStatusUpdate, sessionFields } from "@/lib/db/sessions";
import { newSessionReference } from "@/lib/verification/reference";

// Test files share one database: every test searches within its own random tag.
function tag() {
  return `zq${randomBytes(4).toString("hex")}`;
}

let nextEfId = 900_000_000 + randomBytes(2).readUInt16BE(0) * 1000;
async function employee(t: string, firstName: string, lastName: string, internalId: string | null = null) {
  const efUserId = nextEfId++;
  return prisma().employee.create({
    data: { efUserId, firstName, lastName: `${lastName} ${t}`, email: `${firstName.toLowerCase()}.${t}@corp.test`, internalId },
  });
}

async function session(employeeId: string, status: "pending" | "approved" | "declined", createdAt?: Date) {
  return prisma().verificationSession.create({
    data: {
      reference: newSessionReference(),
      employeeId,
      provider: "bankid",
      returnUrl: "http://portal.test/return/x",
      efVerificationId: crypto.randomUUID(),
      status,
      ...(createdAt ? { createdAt } : {}),
    },
    select: sessionFields,
  });
}

describe("employees list", () => {
  it("searches every word across name, email, internal id and the EasyFreelance id, case-insensitively", async () => {
    const t = tag();
    const ann = await employee(t, "Ann", "Berg", `HR-${t}-7`);
    const bob = await employee(t, "Bob", "Dahl");
    await employee(t, "Cecilie", "Eng");

    expect((await searchEmployees({ q: t })).total).toBe(3);
    expect((await searchEmployees({ q: `ANN ${t}` })).employees.map((e) => e.id)).toEqual([ann.id]);
    expect((await searchEmployees({ q: `bob.${t}@corp` })).employees.map((e) => e.id)).toEqual([bob.id]);
    expect((await searchEmployees({ q: `hr-${t}-7` })).employees.map((e) => e.id)).toEqual([ann.id]);
    expect((await searchEmployees({ q: String(bob.efUserId) })).employees.map((e) => e.id)).toEqual([bob.id]);
    expect((await searchEmployees({ q: `${t} nobody` })).total).toBe(0);
    // LIKE wildcards in the input are text, not patterns.
    expect((await searchEmployees({ q: `${t} %` })).total).toBe(0);
  });

  it("filters Verified by the fact, which a later attempt never erases, and attempts by the latest session's status", async () => {
    const t = tag();
    const a = await employee(t, "Ann", "Aas");
    const b = await employee(t, "Bo", "Bakke");
    const c = await employee(t, "Cy", "Carlsen");
    // Ann: an old approval, then a newer pending session: still verified, with a re-verification pending.
    await session(a.id, "approved", new Date(Date.now() - 86_400_000));
    const pending = await session(a.id, "pending");
    await session(b.id, "declined");

    const ids = async (status: Parameters<typeof searchEmployees>[0]["status"]) =>
      (await searchEmployees({ q: t, status })).employees.map((e) => e.id);
    expect(await ids("approved")).toEqual([a.id]);
    expect(await ids("none")).toEqual([b.id, c.id]);
    expect(await ids("pending")).toEqual([a.id]);
    expect(await ids("declined")).toEqual([b.id]);

    // The re-verification is declined: Ann is still verified; the attempt filter follows the latest session.
    await applyStatusUpdate(pending, {
      status: "declined",
      rawStatus: "declined",
      nextAction: null,
      completedAt: new Date(),
      onboarding: null,
      source: "test",
    });
    expect(await ids("approved")).toEqual([a.id]);
    expect(await ids("pending")).toEqual([]);
    expect(await ids("declined")).toEqual([a.id, b.id]);
    const row = await prisma().employee.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.latestSessionId).toBe(pending.id);
    expect(row.verifiedAt).not.toBeNull();
    expect(row.verifiedSessionId).not.toBe(pending.id);

    // Bo's pending attempt is approved: verified from then on, with the method and the session.
    const bo = await session(b.id, "pending");
    await applyStatusUpdate(bo, {
      status: "approved",
      rawStatus: "approved",
      nextAction: null,
      completedAt: new Date(),
      onboarding: null,
      source: "test",
    });
    expect(await ids("approved")).toEqual([a.id, b.id]);
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      verifiedSessionId: bo.id,
      verifiedProvider: "bankid",
    });

    // An older session inserted later does not take over; deleting the latest hands over to the next.
    const cPending = await session(c.id, "pending");
    await session(c.id, "declined", new Date(Date.now() - 86_400_000));
    expect(await ids("pending")).toEqual([c.id]);
    await prisma().verificationSession.delete({ where: { id: cPending.id } });
    expect(await ids("declined")).toEqual([a.id, c.id]);

    // Archived employees leave the lists (and every filter) and are found under "archived".
    await prisma().employee.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    expect(await ids("approved")).toEqual([b.id]);
    expect(await ids(undefined)).toEqual([b.id, c.id]);
    expect(await ids("archived")).toEqual([a.id]);
  });

  it("pages through results in name order and clamps out-of-range pages", async () => {
    const t = tag();
    for (const name of ["Eva", "Dag", "Cato", "Berit", "Arne"]) await employee(t, name, "Holm");
    const first = await searchEmployees({ q: t, pageSize: 2 });
    expect(first).toMatchObject({ total: 5, pages: 3, page: 1 });
    expect(first.employees.map((e) => e.firstName)).toEqual(["Arne", "Berit"]);
    expect((await searchEmployees({ q: t, pageSize: 2, page: 3 })).employees.map((e) => e.firstName)).toEqual(["Eva"]);
    expect((await searchEmployees({ q: t, pageSize: 2, page: 99 })).page).toBe(3);
    expect((await searchEmployees({ q: t, pageSize: 2, page: -1 })).page).toBe(1);
  });
});
