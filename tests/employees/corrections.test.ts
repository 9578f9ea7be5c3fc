// Employee corrections (edit, relink, Add employee with a known email, archive, erase), against a real
// database and the sandbox over HTTP.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { searchEmployees } from "@/lib/db/employees";
import { addEmployee } from "@/lib/employees/service";
import { archiveEmployee, editEmployee, eraseEmployee, relinkEmployee } from "@/lib/employees/corrections";
import { createEmployee, createStaff } from "../support/db";

const sandbox = sandboxForThisFile({}, { EASYFREELANCE_TIMEOUT_MS: "500" });
const control = sandbox.control;
beforeEach(async () => {
  await control.faults.clear();
});

let actor: { id: string; email: string };
beforeAll(async () => {
  actor = await createStaff("hr");
  // Every file's sandbox numbers its users from the same start, and the files share one database: move
  // this file's EasyFreelance ids out of the way so its rows cannot meet service.test.ts's.
  await control.updateUser(30_000_000 + randomBytes(2).readUInt16BE(0) * 1000, { missing: true });
});

const unique = () => randomBytes(4).toString("hex");

async function addSession(employeeId: string) {
  const session = await prisma().verificationSession.create({
    data: { employeeId, reference: `ref-${unique()}`, provider: "bankid", status: "failed", returnUrl: "http://portal.test/return/x" },
  });
  await prisma().sessionEvent.create({ data: { sessionId: session.id, type: "start_failed", toStatus: "failed", data: { kind: "not_found" } } });
  return session;
}

const auditOf = (targetId: string) => prisma().auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("relinkEmployee", () => {
  it("points the same row at the id POST /users answers for its email, keeping its sessions", async () => {
    // A row whose EasyFreelance id no longer exists there (the sandbox never heard of it).
    const employee = await createEmployee();
    const session = await addSession(employee.id);
    await control.requests.clear();

    const result = await relinkEmployee(employee.id, actor);
    if (!result.ok) throw new Error(result.error);
    const upstream = (await control.state()).users.find((u) => u.email === employee.email)!;
    expect(result).toEqual({ ok: true, fromEfUserId: employee.efUserId, toEfUserId: upstream.id });
    expect(upstream.id).not.toBe(employee.efUserId);
    const requests = await control.requests.list();
    expect(requests.filter((r) => r.endpoint === "users" && r.method === "POST")).toHaveLength(1);

    const row = await prisma().employee.findUniqueOrThrow({ where: { id: employee.id }, include: { sessions: true } });
    expect(row.efUserId).toBe(upstream.id);
    expect(row.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(row.onboardingCheckedAt).toBeInstanceOf(Date);
    const audit = await auditOf(employee.id);
    expect(audit).toMatchObject([
      { action: "employee.relinked", actorId: actor.id, data: { fromEfUserId: employee.efUserId, toEfUserId: upstream.id } },
    ]);
  });

  it("refuses when another portal employee already has the id EasyFreelance answers, naming them, and changes nothing", async () => {
    const email = `dup.${unique()}@example.no`;
    const kept = await addEmployee({ email, firstName: "Kept", lastName: "Person", bankMode: "none" });
    if (!kept.ok) throw new Error(kept.error);
    // The stale duplicate defect 5 left behind: same email, an EasyFreelance id that no longer exists.
    const stale = await prisma().employee.create({
      data: { efUserId: 900_000 + randomBytes(2).readUInt16BE(0), email: email.toUpperCase(), firstName: "Stale", lastName: "Copy" },
    });

    const result = await relinkEmployee(stale.id, actor);
    expect(result).toEqual({
      ok: false,
      error: `EasyFreelance links this email to its user ${kept.efUserId}, which the portal already has as Kept Person (${email}). Nothing was changed. If they are the same person, keep Kept Person and archive or erase this one.`,
      conflict: { id: kept.employeeId, name: "Kept Person" },
    });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: stale.id } })).toEqual(stale);
    expect(await auditOf(stale.id)).toEqual([]);
  });

  it("an upstream failure says what happened and changes nothing", async () => {
    const employee = await createEmployee();
    await control.faults.add({ endpoint: "users", fault: { kind: "server_error" }, times: 1 });
    const failed = await relinkEmployee(employee.id, actor);
    expect(failed).toEqual({
      ok: false,
      error:
        "EasyFreelance had a problem on its side (HTTP 500). Try again in a few minutes; if it keeps happening, contact EasyFreelance support. The employee's link was not changed.",
    });
    await control.faults.add({ endpoint: "users", fault: { kind: "timeout" }, times: 1 });
    expect(await relinkEmployee(employee.id, actor)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/may still have linked the user\. The employee's link was not changed\. Relink again/),
    });
    expect((await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).efUserId).toBe(employee.efUserId);
    expect(await auditOf(employee.id)).toEqual([]);
  });
});

describe("Add employee with an email already in the portal", () => {
  it("returns the existing employee (any case, archived too) without calling EasyFreelance", async () => {
    const employee = await createEmployee();
    await control.requests.clear();
    const result = await addEmployee({ email: employee.email.toUpperCase(), firstName: "Other", bankMode: "none" });
    expect(result).toEqual({ ok: true, employeeId: employee.id, efUserId: employee.efUserId, created: false, alreadyInPortal: { archived: false } });
    expect(await control.requests.list()).toEqual([]);
    expect(await prisma().employee.count({ where: { email: { equals: employee.email, mode: "insensitive" } } })).toBe(1);
    expect((await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).firstName).toBe("Test");

    // "_" is a character, not a wildcard: a look-alike email is a different person.
    const underscored = `a_b.${unique()}@example.no`;
    await prisma().employee.create({
      data: { efUserId: 950_000 + randomBytes(2).readUInt16BE(0), email: underscored, firstName: "A", lastName: "B" },
    });
    const lookAlike = await addEmployee({ email: underscored.replace("_", "x"), bankMode: "none" });
    expect(lookAlike).toMatchObject({ ok: true, created: true });
    expect(lookAlike.ok && lookAlike.alreadyInPortal).toBeFalsy();
    await control.requests.clear();

    await archiveEmployee(employee.id, true, actor);
    expect(await addEmployee({ email: ` ${employee.email} `, bankMode: "none" })).toMatchObject({
      ok: true,
      employeeId: employee.id,
      alreadyInPortal: { archived: true },
    });
    expect(await control.requests.list()).toEqual([]);
  });
});

const isArchived = async (id: string) => (await prisma().employee.findUnique({ where: { id }, select: { archivedAt: true } }))?.archivedAt != null;

describe("archive", () => {
  it("marks the row, is audited once per change, and the row says so", async () => {
    const employee = await createEmployee();
    expect(await isArchived(employee.id)).toBe(false);
    expect(await archiveEmployee(employee.id, true, actor)).toEqual({ ok: true });
    expect(await archiveEmployee(employee.id, true, actor)).toEqual({ ok: true });
    expect(await isArchived(employee.id)).toBe(true);
    expect(await archiveEmployee(employee.id, false, actor)).toEqual({ ok: true });
    expect(await isArchived(employee.id)).toBe(false);
    expect((await auditOf(employee.id)).map((e) => e.action)).toEqual(["employee.archived", "employee.unarchived"]);
    expect(await isArchived("no-such-employee")).toBe(false);
    expect(await archiveEmployee("no-such-employee", true, actor)).toEqual({ ok: false, error: "This employee no longer exists. Reload the page." });
  });

  it("hides an archived employee from the Employees list search, and unarchive brings them back", async () => {
    const employee = await createEmployee();
    const q = employee.lastName;
    expect((await searchEmployees({ q })).total).toBe(1);
    await archiveEmployee(employee.id, true, actor);
    expect((await searchEmployees({ q })).total).toBe(0);
    await archiveEmployee(employee.id, false, actor);
    expect((await searchEmployees({ q })).total).toBe(1);
  });
});

describe("eraseEmployee", () => {
  it("deletes the row, its sessions and events, blanks the audit about them, and keeps one anonymised record", async () => {
    const employee = await createEmployee({ firstName: `Erin${unique()}` });
    const sessions = [await addSession(employee.id), await addSession(employee.id)];
    expect(
      (await editEmployee(employee.id, { email: employee.email, firstName: employee.firstName, lastName: "Renamed", internalId: "4711" }, actor)).ok,
    ).toBe(true);
    await relinkEmployee(employee.id, actor);
    const name = `${employee.firstName} Renamed`;

    expect(await eraseEmployee(employee.id, "someone else", actor)).toEqual({
      ok: false,
      error: "Nothing was erased.",
      fieldErrors: { confirmName: [`Type ${name} exactly to confirm.`] },
    });
    expect(await prisma().employee.count({ where: { id: employee.id } })).toBe(1);

    expect(await eraseEmployee(employee.id, ` ${name.toUpperCase()} `, actor)).toEqual({ ok: true, sessionsRemoved: 2 });
    expect(await prisma().employee.count({ where: { id: employee.id } })).toBe(0);
    expect(await prisma().verificationSession.count({ where: { employeeId: employee.id } })).toBe(0);
    expect(await prisma().sessionEvent.count({ where: { sessionId: { in: sessions.map((s) => s.id) } } })).toBe(0);

    const audit = await auditOf(employee.id);
    expect(audit.map((e) => [e.action, e.actorId, e.data])).toEqual([
      ["employee.updated", actor.id, null],
      ["employee.relinked", actor.id, null],
      ["employee.erased", actor.id, { sessionsRemoved: 2 }],
    ]);
    const text = JSON.stringify(audit);
    for (const personal of [employee.email, employee.firstName, "Renamed", "4711", String(employee.efUserId)]) expect(text).not.toContain(personal);
    expect(await eraseEmployee(employee.id, name, actor)).toEqual({ ok: false, error: "This employee no longer exists. Reload the page." });
  });
});

describe("editEmployee", () => {
  it("validates with Add employee's rules and saves nothing on errors", async () => {
    const employee = await createEmployee();
    const result = await editEmployee(employee.id, { email: "not-an-email", internalId: "12a", firstName: "x".repeat(255) }, actor);
    expect(result).toEqual({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: {
        email: ["Enter a valid email address."],
        internalId: ["Internal id must be a whole number (digits only)."],
        firstName: ["Use at most 254 characters."],
      },
    });
    const other = await createEmployee();
    expect(await editEmployee(employee.id, { email: other.email.toUpperCase() }, actor)).toEqual({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: { email: [`Test ${other.lastName} already has this email in the portal.`] },
    });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toEqual(employee);
    expect(await auditOf(employee.id)).toEqual([]);
  });

  it("saves the portal's copy and audits the names of the changed fields, not their values", async () => {
    const employee = await createEmployee();
    const email = `new.${unique()}@example.no`;
    const result = await editEmployee(employee.id, { email: `  ${email} `, firstName: "Test", lastName: "Changed", internalId: "0042" }, actor);
    expect(result).toEqual({ ok: true, changed: ["email", "last name", "internal id"] });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: employee.id } })).toMatchObject({
      email,
      firstName: "Test",
      lastName: "Changed",
      internalId: "42",
      efUserId: employee.efUserId,
    });
    const audit = await auditOf(employee.id);
    expect(audit).toMatchObject([{ action: "employee.updated", actorId: actor.id, data: { fields: ["email", "lastName", "internalId"] } }]);
    expect(JSON.stringify(audit)).not.toContain(email);
    // Saving the same values again changes nothing and records nothing.
    expect(await editEmployee(employee.id, { email, firstName: "Test", lastName: "Changed", internalId: "42" }, actor)).toEqual({
      ok: true,
      changed: [],
    });
    expect(await auditOf(employee.id)).toHaveLength(1);
  });
});
