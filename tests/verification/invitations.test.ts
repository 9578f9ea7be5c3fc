// Invitations against real PostgreSQL, the EasyFreelance sandbox over HTTP and its SMTP catcher: one open per
// employee, Start through the one start path (reuse, expired replaced, retries counted), delivery and its
// failures, and reminders (office hours, the overlap claim of two concurrent sweeps).
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { createEmployee, createStaff } from "../support/db";
import { prisma } from "@/lib/db/client";
import { insertInvitation } from "@/lib/db/invitations";
import {
  createOrReuseInvitation,
  deliverInvitation,
  openInvitation,
  revokeInvitation,
  sendDueReminders,
  startFromInvitation,
  summarizeInvitation,
} from "@/lib/verification/invitations";
import { invitationToken } from "@/lib/verification/invitation-rules";
import { E2E_AUTH_SECRET } from "../../scripts/lib/fake-credentials";

const sandbox = sandboxForThisFile(
  { approvedReturnUrls: ["http://portal.test/return"], smtpPort: 0 },
  { AUTH_SECRET: E2E_AUTH_SECRET, APP_URL: "http://portal.test", INVITATION_ATTEMPTS: "3", PARTNER_NAME: "Acme AS" },
);
type Mail = { to: string[]; subject: string; text: string };
const mailbox = async (to: string): Promise<Mail[]> =>
  ((await (await fetch(`${sandbox.url}/_sandbox/mail?to=${encodeURIComponent(to)}`)).json()) as { messages: Mail[] }).messages;
const DAY = 24 * 60 * 60_000;
// A Wednesday 11:00 in Oslo, and the Saturday after.
const WEDNESDAY = new Date("2030-01-09T10:00:00Z");
const SATURDAY = new Date("2030-01-12T10:00:00Z");

beforeEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/mail/fault`, { method: "POST", body: JSON.stringify({ reject: 0 }) });
});

async function invited(method: null | { provider: "bankid"; idType: null } = null, now = new Date()) {
  const [staff, employee] = await Promise.all([createStaff(), createEmployee()]);
  const created = await createOrReuseInvitation(employee.id, method, staff, now);
  if (!created.ok) throw new Error(created.reason);
  const token = invitationToken(E2E_AUTH_SECRET, created.invitation.tokenSalt);
  return { staff, employee, invitation: created.invitation, token };
}

/** The sandbox's hosted page: the employee's outcome. */
async function finish(verificationUrl: string, outcome: "approve" | "decline" | "cancel" | "error") {
  const response = await fetch(verificationUrl, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBeLessThan(400);
  // The sandbox redirects the employee to the portal's return URL, which records the return: a minute ago, so
  // return-driven refresh asks EasyFreelance at the next look.
  await prisma().verificationSession.updateMany({
    where: { verificationUrl },
    data: { lastCheckedAt: null, lastReturnedAt: new Date(Date.now() - 60_000) },
  });
}

describe("one open invitation per employee", () => {
  it("concurrent creates give one invitation; the database refuses a second open one", async () => {
    const [staff, employee] = await Promise.all([createStaff(), createEmployee()]);
    const results = await Promise.all(Array.from({ length: 5 }, () => createOrReuseInvitation(employee.id, null, staff)));
    const ids = new Set(results.map((result) => (result.ok ? result.invitation.id : result.reason)));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.ok && !result.reused)).toHaveLength(1);
    await expect(
      insertInvitation({
        employeeId: employee.id,
        tokenHash: "x",
        tokenSalt: "y",
        provider: null,
        idType: null,
        createdById: null,
        expiresAt: new Date(),
      }),
    ).rejects.toThrow();
    expect(await prisma().auditEvent.count({ where: { action: "invitation.created", targetId: employee.id } })).toBe(1);
  });

  it("an invitation past its expiry is closed and replaced by a new one; a revoked one stops working", async () => {
    const { staff, employee, invitation, token } = await invited();
    const later = new Date(invitation.expiresAt.getTime() + 1000);
    expect((await openInvitation(token, later))?.phase.kind).toBe("expired");
    const next = await createOrReuseInvitation(employee.id, null, staff, later);
    expect(next.ok && next.invitation.id !== invitation.id && !next.reused).toBe(true);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).closedReason).toBe("expired");
    if (!next.ok) return;
    expect(await revokeInvitation(next.invitation.id, employee.id, staff)).toBe(true);
    const revokedToken = invitationToken(E2E_AUTH_SECRET, next.invitation.tokenSalt);
    expect((await openInvitation(revokedToken))?.phase.kind).toBe("revoked");
    expect(await startFromInvitation(revokedToken, "bankid", "en")).toEqual({ ok: false, reason: "revoked" });
  });

  it("INVITATION_DAYS (14 by default) decides the expiry", async () => {
    const now = new Date();
    const { invitation } = await invited(null, now);
    expect(invitation.expiresAt.getTime() - now.getTime()).toBe(14 * DAY);
  });
});

describe("Start from the invitation", () => {
  it("starts once, reuses the open flow, records the open and counts the attempt", async () => {
    const { employee, invitation, token } = await invited();
    expect(await startFromInvitation(token, null, "en")).toEqual({ ok: false, reason: "choose" });
    const first = await startFromInvitation(token, "veriff_local", "en");
    const again = await startFromInvitation(token, "veriff_local", "en");
    expect(first.ok && again.ok && first.verificationUrl === again.verificationUrl).toBe(true);
    const sessions = await prisma().verificationSession.findMany({ where: { employeeId: employee.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ invitationId: invitation.id, startedById: null, provider: "veriff", idType: "local" });
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).attempts).toBe(1);
    expect((await openInvitation(token))?.phase.kind).toBe("in_progress");
    expect((await openInvitation(token))?.phase.kind).toBe("in_progress");
    expect(await prisma().auditEvent.count({ where: { action: "invitation.opened", targetId: employee.id } })).toBe(1);
  });

  it("an upstream session past expires_at is replaced on the next Start, without using an attempt", async () => {
    const { employee, invitation, token } = await invited({ provider: "bankid", idType: null });
    const first = await startFromInvitation(token, null, "en");
    if (!first.ok) throw new Error(first.reason);
    await prisma().verificationSession.updateMany({
      where: { employeeId: employee.id },
      data: { expiresAt: new Date(Date.now() - 1000), lastCheckedAt: null },
    });
    const view = await openInvitation(token);
    expect(view?.phase).toMatchObject({ kind: "ready", retry: false });
    const second = await startFromInvitation(token, null, "en");
    expect(second.ok && second.verificationUrl !== first.verificationUrl).toBe(true);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).attempts).toBe(1);
  });

  it("after a decline the same link tries again, up to INVITATION_ATTEMPTS; then it asks for HR", async () => {
    const { invitation, token } = await invited({ provider: "bankid", idType: null });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const started = await startFromInvitation(token, null, "en");
      if (!started.ok) throw new Error(`attempt ${attempt}: ${started.reason}`);
      await finish(started.verificationUrl, attempt === 2 ? "cancel" : "decline");
      const view = await openInvitation(token);
      expect(view?.phase.kind).toBe(attempt < 3 ? "ready" : "attempts_used");
    }
    expect(await startFromInvitation(token, null, "en")).toEqual({ ok: false, reason: "attempts_used" });
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).attempts).toBe(3);
  });

  it("after approval the link shows the result", async () => {
    const { token } = await invited({ provider: "bankid", idType: null });
    const started = await startFromInvitation(token, null, "en");
    if (!started.ok) throw new Error(started.reason);
    await finish(started.verificationUrl, "approve");
    const view = await openInvitation(token);
    expect(view?.phase.kind).toBe("verified");
    expect(view?.statusReference).toBeTruthy();
  });
});

describe("delivery", () => {
  it("sends the invitation in the employee's language; a refused message is recorded for HR", async () => {
    const { staff, employee, invitation } = await invited();
    await prisma().employee.update({ where: { id: employee.id }, data: { locale: "nb" } });
    const sent = await deliverInvitation(invitation, "invitation", staff);
    expect(sent).toEqual({ ok: true, to: employee.email });
    const [mail] = await mailbox(employee.email);
    expect(mail.subject).toBe("Acme AS ber deg bekrefte identiteten din");
    expect(mail.text).toMatch(/http:\/\/portal\.test\/i\/[A-Za-z0-9_-]{43}\?lang=nb/);
    expect(mail.text).not.toContain(invitation.tokenHash);

    await fetch(`${sandbox.url}/_sandbox/mail/fault`, { method: "POST", body: JSON.stringify({ reject: 1 }) });
    expect(await deliverInvitation(invitation, "invitation", staff)).toEqual({ ok: false, failure: "rejected" });
    const row = await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.sendError).toBe("rejected");
    const summary = await summarizeInvitation(row);
    expect(summary).toMatchObject({ progress: "needs_attention", reason: "not_sent" });
    const actions = await prisma().auditEvent.findMany({ where: { targetId: employee.id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["invitation.created", "invitation.sent", "invitation.send_failed"]);
  });
});

describe("reminders", () => {
  async function sentInvitation(sentAt: Date) {
    const { staff, employee, invitation } = await invited(null, sentAt);
    await prisma().invitation.update({ where: { id: invitation.id }, data: { sentAt, sentTo: employee.email } });
    return { staff, employee, invitation };
  }

  it("after 2 and 5 days, only on weekdays 08–18 Oslo time, at most INVITATION_REMINDERS, stopping at revocation", async () => {
    const sentAt = new Date(WEDNESDAY.getTime() - 2 * DAY - 60_000);
    const { staff, employee, invitation } = await sentInvitation(sentAt);
    const only = { employeeIds: [employee.id] };
    // Saturday: nothing, however due.
    expect(await sendDueReminders(new Date(SATURDAY.getTime() + 30 * 60_000), only)).toMatchObject({ reminded: 0, outsideOfficeHours: true });
    // Too early (1 day after) on a weekday: nothing.
    expect((await sendDueReminders(new Date(sentAt.getTime() + DAY), only)).reminded).toBe(0);
    expect((await sendDueReminders(WEDNESDAY, only)).reminded).toBe(1);
    expect((await sendDueReminders(WEDNESDAY, only)).reminded).toBe(0);
    const [reminder] = await mailbox(employee.email);
    expect(reminder.subject).toMatch(/Acme AS/);
    // The second one is due 5 days after sending: Monday 14 Jan 2030.
    const monday = new Date("2030-01-14T09:00:00Z");
    expect((await sendDueReminders(monday, only)).reminded).toBe(1);
    expect((await sendDueReminders(new Date(monday.getTime() + 10 * DAY), only)).reminded).toBe(0);
    expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).reminders).toBe(2);
    expect(await prisma().auditEvent.count({ where: { action: "invitation.reminded", targetId: employee.id } })).toBe(2);

    const other = await sentInvitation(sentAt);
    await revokeInvitation(other.invitation.id, other.employee.id, staff);
    expect((await sendDueReminders(WEDNESDAY, { employeeIds: [other.employee.id] })).reminded).toBe(0);
  });

  it("two overlapping sweeps never send one invitation's reminder twice", async () => {
    const sentAt = new Date(WEDNESDAY.getTime() - 3 * DAY);
    const invitations = await Promise.all(Array.from({ length: 6 }, () => sentInvitation(sentAt)));
    const employeeIds = invitations.map((entry) => entry.employee.id);
    const reports = await Promise.all(Array.from({ length: 4 }, () => sendDueReminders(WEDNESDAY, { employeeIds })));
    expect(reports.reduce((sum, report) => sum + report.reminded, 0)).toBe(6);
    for (const { employee } of invitations) expect(await mailbox(employee.email)).toHaveLength(1);
  });

  it("no reminder once the employee is verified", async () => {
    const sentAt = new Date(WEDNESDAY.getTime() - 3 * DAY);
    const { employee } = await sentInvitation(sentAt);
    await prisma().employee.update({ where: { id: employee.id }, data: { verifiedAt: new Date(sentAt.getTime() + DAY) } });
    expect((await sendDueReminders(WEDNESDAY, { employeeIds: [employee.id] })).reminded).toBe(0);
  });
});
