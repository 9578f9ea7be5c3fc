// The invitation's pure rules: its token, what the page offers (expiry, attempts), what HR sees, and the
// reminders' office hours under an injected clock.
import { describe, expect, it } from "vitest";
import {
  hashInvitationToken,
  invitationPhase,
  invitationProgress,
  invitationToken,
  isInvitationToken,
  isOfficeHours,
  newTokenSalt,
} from "@/lib/verification/invitation-rules";
import { mailFailureOf } from "@/lib/mail/send";

const now = new Date("2026-12-02T10:00:00Z"); // a Wednesday, 11:00 in Oslo
const day = 24 * 60 * 60_000;
const base = {
  createdAt: new Date(now.getTime() - day),
  expiresAt: new Date(now.getTime() + 13 * day),
  closedAt: null,
  closedReason: null,
  attempts: 0,
};
const session = (status: "pending" | "declined" | "cancelled" | "error" | "expired" | "approved", expiresAt: Date | null = null) => ({
  status,
  expiresAt,
  verificationUrl: "http://ef.test/verify/x",
  statusChangedAt: now,
});

describe("the invitation token", () => {
  it("is 256 bits from the server secret and a random salt; only its hash is looked up", () => {
    const salt = newTokenSalt();
    const token = invitationToken("a".repeat(32), salt);
    expect(isInvitationToken(token)).toBe(true);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(invitationToken("a".repeat(32), salt)).toBe(token);
    expect(invitationToken("b".repeat(32), salt)).not.toBe(token);
    expect(invitationToken("a".repeat(32), newTokenSalt())).not.toBe(token);
    expect(hashInvitationToken(token)).not.toContain(token);
    expect(isInvitationToken("short")).toBe(false);
    expect(isInvitationToken(`${token}/..`)).toBe(false);
  });
});

describe("what the invitation page offers", () => {
  it("Start on a fresh invitation; expired past its own expiry, revoked when HR revoked it", () => {
    expect(invitationPhase(base, null, null, 3, now)).toEqual({ kind: "ready", retry: false, attemptsLeft: 3 });
    expect(invitationPhase({ ...base, expiresAt: now }, null, null, 3, now).kind).toBe("expired");
    expect(invitationPhase({ ...base, closedAt: now, closedReason: "revoked" }, null, null, 3, now).kind).toBe("revoked");
  });

  it("continues an open flow, and offers a new one when the upstream session is past its expires_at", () => {
    expect(invitationPhase({ ...base, attempts: 1 }, session("pending", new Date(now.getTime() + 60_000)), null, 3, now).kind).toBe("in_progress");
    expect(invitationPhase({ ...base, attempts: 1 }, session("pending", new Date(now.getTime() - 1)), null, 3, now)).toEqual({
      kind: "ready",
      retry: false,
      attemptsLeft: 2,
    });
    // Old age is not the employee's attempt: even with every attempt used, an expired session is replaced.
    expect(invitationPhase({ ...base, attempts: 3 }, session("expired"), null, 3, now).kind).toBe("ready");
  });

  it("after declined, cancelled or error: try again up to INVITATION_ATTEMPTS, then contact HR", () => {
    for (const status of ["declined", "cancelled", "error"] as const) {
      expect(invitationPhase({ ...base, attempts: 1 }, session(status), null, 3, now)).toEqual({ kind: "ready", retry: true, attemptsLeft: 2 });
      expect(invitationPhase({ ...base, attempts: 3 }, session(status), null, 3, now).kind).toBe("attempts_used");
    }
  });

  it("shows the result once the employee is verified since the invitation (even past its expiry)", () => {
    expect(invitationPhase(base, session("approved"), now, 3, now).kind).toBe("verified");
    expect(invitationPhase({ ...base, expiresAt: now }, null, now, 3, now).kind).toBe("verified");
    // A verification from before this invitation is not its result.
    expect(invitationPhase(base, null, new Date(base.createdAt.getTime() - 1), 3, now).kind).toBe("ready");
  });
});

describe("what HR sees", () => {
  const facts = { ...base, openedAt: null, lastOpenedAt: null, sentAt: null, sendFailedAt: null };
  it("invited, opened, in progress, verified, needs attention — with when", () => {
    expect(invitationProgress({ ...facts, sentAt: now }, null, null, 3, now)).toEqual({ progress: "invited", at: now });
    expect(invitationProgress({ ...facts, openedAt: now, lastOpenedAt: now }, null, null, 3, now).progress).toBe("opened");
    expect(invitationProgress(facts, session("pending", new Date(now.getTime() + 1000)), null, 3, now).progress).toBe("in_progress");
    expect(invitationProgress(facts, session("approved"), now, 3, now)).toEqual({ progress: "verified", at: now });
    expect(invitationProgress({ ...facts, sendFailedAt: now }, null, null, 3, now)).toMatchObject({
      progress: "needs_attention",
      reason: "not_sent",
    });
    expect(invitationProgress({ ...facts, attempts: 1 }, session("declined"), null, 3, now)).toMatchObject({ reason: "failed_attempt" });
    expect(invitationProgress({ ...facts, attempts: 3 }, session("declined"), null, 3, now)).toMatchObject({ reason: "attempts_used" });
    expect(invitationProgress({ ...facts, expiresAt: now }, null, null, 3, now)).toMatchObject({ reason: "expired" });
  });
});

describe("reminders' office hours (Europe/Oslo)", () => {
  it("weekdays from 08:00 to 18:00 Oslo time, in winter and in summer time", () => {
    expect(isOfficeHours(new Date("2026-12-02T07:00:00Z"))).toBe(true); // Wed 08:00 CET
    expect(isOfficeHours(new Date("2026-12-02T06:59:00Z"))).toBe(false); // Wed 07:59
    expect(isOfficeHours(new Date("2026-12-02T16:59:00Z"))).toBe(true); // Wed 17:59
    expect(isOfficeHours(new Date("2026-12-02T17:00:00Z"))).toBe(false); // Wed 18:00
    expect(isOfficeHours(new Date("2026-12-05T10:00:00Z"))).toBe(false); // Saturday
    expect(isOfficeHours(new Date("2026-12-06T10:00:00Z"))).toBe(false); // Sunday
    expect(isOfficeHours(new Date("2026-06-15T06:00:00Z"))).toBe(true); // Mon 08:00 CEST
    expect(isOfficeHours(new Date("2026-06-15T05:59:00Z"))).toBe(false);
  });
});

describe("mail failures as HR reads them", () => {
  it("refused and timed-out connections, rejected messages", () => {
    expect(mailFailureOf(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ESOCKET" }))).toBe("refused");
    expect(mailFailureOf(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" }))).toBe("timeout");
    expect(mailFailureOf(Object.assign(new Error("Mailbox unavailable"), { code: "EENVELOPE", responseCode: 550 }))).toBe("rejected");
  });
});
