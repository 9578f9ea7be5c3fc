// Bulk invite against real PostgreSQL, the EasyFreelance sandbox over HTTP (its request log) and its SMTP
// catcher: a result per employee, safe to repeat (no second invitation, no second mail), no upstream call at
// all, SMTP refusal recorded, and "all that match" resolved on the server a batch at a time.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { createEmployee, createStaff } from "../support/db";
import { prisma } from "@/lib/db/client";
import { matchingEmployeeIds } from "@/lib/db/employees";
import { bulkInvite } from "@/lib/verification/invitations";
import { E2E_AUTH_SECRET } from "../../scripts/lib/fake-credentials";

const sandbox = sandboxForThisFile(
  { approvedReturnUrls: ["http://portal.test/return"], smtpPort: 0 },
  { AUTH_SECRET: E2E_AUTH_SECRET, APP_URL: "http://portal.test", PARTNER_NAME: "Acme AS" },
);
type Mail = { to: string[]; subject: string; text: string };
const mailbox = async (to: string): Promise<Mail[]> =>
  ((await (await fetch(`${sandbox.url}/_sandbox/mail?to=${encodeURIComponent(to)}`)).json()) as { messages: Mail[] }).messages;
const rejectNext = (reject: number) => fetch(`${sandbox.url}/_sandbox/mail/fault`, { method: "POST", body: JSON.stringify({ reject }) });

beforeEach(async () => {
  await rejectNext(0);
  await sandbox.control.requests.clear();
});

const outcomes = (report: Awaited<ReturnType<typeof bulkInvite>>) => Object.fromEntries(report.results.map((r) => [r.employeeId, r.outcome]));

describe("bulk invite", () => {
  it("sends to each employee, skips the verified, the archived and those without email, and calls EasyFreelance not once", async () => {
    const staff = await createStaff();
    const [a, b, verified, noEmail, archived] = await Promise.all(Array.from({ length: 5 }, () => createEmployee()));
    await prisma().employee.update({ where: { id: verified.id }, data: { verifiedAt: new Date() } });
    await prisma().employee.update({ where: { id: noEmail.id }, data: { email: "" } });
    await prisma().employee.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });

    const report = await bulkInvite([a.id, b.id, verified.id, noEmail.id, archived.id, "gone-id"], { provider: "bankid", idType: null }, staff);
    expect(outcomes(report)).toEqual({
      [a.id]: "sent",
      [b.id]: "sent",
      [verified.id]: "already_verified",
      [noEmail.id]: "no_email",
      [archived.id]: "archived",
      "gone-id": "gone",
    });
    expect(report.counts).toMatchObject({ sent: 2, already_verified: 1, no_email: 1, archived: 1, gone: 1, failed: 0 });
    for (const employee of [a, b]) {
      const [mail] = await mailbox(employee.email);
      expect(mail.text).toMatch(/http:\/\/portal\.test\/i\/[A-Za-z0-9_-]{43}/);
    }
    // Only invitations for the two who were sent one; HR's method is on them.
    const invitations = await prisma().invitation.findMany({ where: { employeeId: { in: [a.id, b.id, verified.id, noEmail.id, archived.id] } } });
    expect(invitations.map((i) => [i.employeeId, i.provider]).sort()).toEqual(
      [
        [a.id, "bankid"],
        [b.id, "bankid"],
      ].sort(),
    );
    // No session and no upstream request: EasyFreelance hears of it when the employee opens the invitation.
    expect(await sandbox.control.requests.list()).toEqual([]);
    expect(await prisma().verificationSession.count({ where: { employeeId: { in: [a.id, b.id] } } })).toBe(0);
    // Audited per invitation, as the Verify dialog's path, and once for the call.
    const actions = await prisma().auditEvent.findMany({ where: { targetId: a.id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["invitation.created", "invitation.sent"]);
    const summary = await prisma().auditEvent.findMany({ where: { action: "invitations.bulk_sent", actorId: staff.id } });
    expect(summary).toHaveLength(1);
    expect(summary[0].data).toMatchObject({ employees: 6, scope: "selected", method: "bankid", sent: 2, already_verified: 1, no_email: 1 });
  });

  it("is safe to repeat: no second invitation and no second mail, also when two run at once", async () => {
    const staff = await createStaff();
    const employees = await Promise.all(Array.from({ length: 4 }, () => createEmployee()));
    const ids = employees.map((employee) => employee.id);
    const first = await bulkInvite(ids, null, staff);
    expect(first.counts.sent).toBe(4);
    const again = await bulkInvite(ids, null, staff);
    expect(again.counts).toMatchObject({ sent: 0, already_invited: 4 });
    const [x, y] = await Promise.all([bulkInvite(ids, null, staff), bulkInvite(ids, null, staff)]);
    expect(x.counts.already_invited + y.counts.already_invited).toBe(8);
    expect(await prisma().invitation.count({ where: { employeeId: { in: ids } } })).toBe(4);
    for (const employee of employees) expect(await mailbox(employee.email)).toHaveLength(1);
    expect(await prisma().auditEvent.count({ where: { action: "invitation.created", targetId: { in: ids } } })).toBe(4);
    expect(await prisma().auditEvent.count({ where: { action: "invitations.bulk_sent", actorId: staff.id } })).toBe(4);
    expect(await sandbox.control.requests.list()).toEqual([]);
  });

  it("a message the mail server refuses is 'failed' with the reason, recorded for HR; the next run sends it", async () => {
    const staff = await createStaff();
    const [a, b] = await Promise.all([createEmployee(), createEmployee()]);
    await rejectNext(1);
    // One at a time, so exactly the first is refused.
    const report = await bulkInvite([a.id, b.id], null, staff, { concurrency: 1 });
    expect(report.results).toEqual([
      expect.objectContaining({ employeeId: a.id, outcome: "failed", failure: "rejected" }),
      expect.objectContaining({ employeeId: b.id, outcome: "sent" }),
    ]);
    const invitation = await prisma().invitation.findFirstOrThrow({ where: { employeeId: a.id } });
    expect(invitation).toMatchObject({ sendError: "rejected", sentAt: null });
    expect(await prisma().auditEvent.count({ where: { action: "invitation.send_failed", targetId: a.id } })).toBe(1);

    const retry = await bulkInvite([a.id, b.id], null, staff);
    expect(retry.results).toEqual([
      expect.objectContaining({ employeeId: a.id, outcome: "sent", reused: true }),
      expect.objectContaining({ employeeId: b.id, outcome: "already_invited" }),
    ]);
    expect(await prisma().invitation.count({ where: { employeeId: a.id } })).toBe(1);
    expect(await mailbox(a.email)).toHaveLength(1);
  });

  it("'all that match' is the list's search and filter, on the server, in batches with a cursor", async () => {
    const word = `Bulk${randomBytes(4).toString("hex")}`;
    const matching = await Promise.all(Array.from({ length: 5 }, () => createEmployee({ firstName: word })));
    await prisma().employee.update({ where: { id: matching[4].id }, data: { verifiedAt: new Date() } });
    await createEmployee();
    const seen: string[] = [];
    let after: string | null = null;
    for (let batch = 0; batch < 10; batch++) {
      const page = await matchingEmployeeIds({ q: word.toLowerCase(), status: "none" }, after, 2);
      expect(page.total).toBe(4);
      seen.push(...page.ids);
      if (page.ids.length < 2) break;
      after = page.ids[page.ids.length - 1];
    }
    expect(seen.sort()).toEqual(
      matching
        .slice(0, 4)
        .map((employee) => employee.id)
        .sort(),
    );
  });
});
