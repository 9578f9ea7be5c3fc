import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";
import { fromUpstreamStatus, isFinal, needsUpstreamRefresh, STATUS_LABELS } from "@/lib/verification/status";
import { refreshDueInMs, refreshPlan, RETURN_FOLLOW_MS } from "@/lib/verification/status";
import { isSessionReference, newSessionReference } from "@/lib/verification/reference";

describe("status mapping", () => {
  it("maps every documented upstream status to itself", () => {
    for (const status of ["pending", "approved", "declined", "cancelled", "expired", "error"]) {
      expect(fromUpstreamStatus(status)).toBe(status);
    }
  });

  it("fails closed on anything else", () => {
    for (const status of ["unknown", "APPROVED", "verified", "", "review"]) {
      expect(fromUpstreamStatus(status)).toBe("unknown");
    }
  });

  it("treats only final outcomes as final, and keeps asking about pending and unknown", () => {
    expect(["approved", "declined", "cancelled", "expired", "error", "failed"].every((s) => isFinal(s as never))).toBe(true);
    expect(["starting", "pending", "unknown"].some((s) => isFinal(s as never))).toBe(false);
    expect(needsUpstreamRefresh("pending")).toBe(true);
    expect(needsUpstreamRefresh("unknown")).toBe(true);
    expect(needsUpstreamRefresh("approved")).toBe(false);
    expect(needsUpstreamRefresh("starting")).toBe(false);
  });

  it("has a label, and a title and message on the employee's page in both languages, for every status", () => {
    const statuses = Object.keys(STATUS_LABELS).sort();
    for (const catalogue of [en, nb]) {
      expect(Object.keys(catalogue.statusPage.title).sort()).toEqual(statuses);
      expect(Object.keys(catalogue.statusPage.body).sort()).toEqual(statuses);
    }
    expect(STATUS_LABELS.approved).toBe("Verified");
  });
});

describe("session reference", () => {
  it("is 192 random bits, url-safe, and never repeats", () => {
    const references = new Set(Array.from({ length: 1000 }, newSessionReference));
    expect(references.size).toBe(1000);
    for (const reference of references) expect(isSessionReference(reference)).toBe(true);
  });

  it("rejects anything else", () => {
    for (const value of ["", "abc", "../../etc/passwd", "x".repeat(33), "a".repeat(31) + "/", 42, null]) {
      expect(isSessionReference(value)).toBe(false);
    }
  });
});

describe("refreshPlan (return-driven refresh)", () => {
  const timing = { firstMs: 2_000, maxMs: 60_000 };
  const t0 = new Date("2026-11-27T10:00:00Z").getTime();
  const at = (ms: number) => new Date(t0 + ms);
  const session = (returnedMs: number | null, checkedMs: number | null) => ({
    lastReturnedAt: returnedMs === null ? null : at(returnedMs),
    lastCheckedAt: checkedMs === null ? null : at(checkedMs),
    statusChangedAt: at(-3_600_000),
  });

  it("asks nothing before the employee's return, however long ago the last check", () => {
    expect(refreshPlan(session(null, -3_600_000), at(0), timing)).toBeNull();
    expect(refreshPlan(session(null, null), at(0), timing)).toBeNull();
  });

  it("asks first `firstMs` after the return, then with gaps that double up to the cap", () => {
    expect(refreshPlan(session(0, -60_000), at(1_999), timing)).toBeNull();
    expect(refreshPlan(session(0, -60_000), at(2_000), timing)).toEqual({ kind: "returned", sinceMs: 2_000 });
    // Checked at +2 s: next at +4 s, then +8 s, +16 s …
    expect(refreshPlan(session(0, 2_000), at(3_999), timing)).toBeNull();
    expect(refreshPlan(session(0, 2_000), at(4_000), timing)).not.toBeNull();
    expect(refreshPlan(session(0, 4_000), at(7_999), timing)).toBeNull();
    expect(refreshPlan(session(0, 4_000), at(8_000), timing)).not.toBeNull();
    // Capped: checked at +5 min, next a minute later.
    expect(refreshPlan(session(0, 300_000), at(359_999), timing)).toBeNull();
    expect(refreshPlan(session(0, 300_000), at(360_000), timing)).not.toBeNull();
  });

  it("asks once more past the session's expiry, return or not", () => {
    const expired = { ...session(null, -60_000), expiresAt: at(-1_000) };
    expect(refreshPlan(expired, at(0), timing)).not.toBeNull();
    expect(refreshPlan({ ...expired, lastCheckedAt: at(0) }, at(5_000), timing)).toBeNull();
  });

  it("leaves a return older than RETURN_FOLLOW_MS to the sweep", () => {
    expect(refreshPlan(session(0, 0), at(RETURN_FOLLOW_MS + 1), timing)).toBeNull();
  });

  it("says how long until the next check, so the page can ask right then", () => {
    expect(refreshDueInMs(session(null, null), at(0), timing)).toBeNull();
    expect(refreshDueInMs(session(0, -60_000), at(500), timing)).toBe(1_500);
    expect(refreshDueInMs(session(0, -60_000), at(2_500), timing)).toBe(0);
    expect(refreshDueInMs(session(0, 2_000), at(2_100), timing)).toBe(1_900);
    expect(refreshDueInMs(session(0, 8_000), at(9_000), timing)).toBe(7_000);
    expect(refreshDueInMs(session(0, 300_000), at(300_000), timing)).toBe(60_000);
    // The next gap would end past the follow: nothing is planned, the sweep's turn.
    expect(refreshDueInMs(session(0, RETURN_FOLLOW_MS - 1_000), at(RETURN_FOLLOW_MS - 1_000), timing)).toBeNull();
    expect(refreshDueInMs(session(0, 0), at(RETURN_FOLLOW_MS + 1), timing)).toBeNull();
    // Agrees with refreshPlan at every moment of the first minute after a return checked on schedule.
    for (let now = 0, checked: number | null = null; now < 60_000; now += 250) {
      const due = refreshDueInMs(session(0, checked), at(now), timing);
      expect(refreshPlan(session(0, checked), at(now), timing) !== null).toBe(due === 0);
      if (due === 0) checked = now;
    }
  });

  it("retries an expired session's last word after the longest gap, or sooner when a return is followed", () => {
    const expired = { ...session(null, 0), expiresAt: at(-1_000) };
    expect(refreshDueInMs(expired, at(5_000), timing)).toBe(55_000);
    expect(refreshDueInMs({ ...expired, lastReturnedAt: at(4_000) }, at(5_000), timing)).toBe(1_000);
  });

  it("follows an approval's onboarding from the approval", () => {
    const approved = { lastReturnedAt: null, lastCheckedAt: at(0), statusChangedAt: at(0) };
    expect(refreshPlan(approved, at(1_000), timing, true)).toBeNull();
    expect(refreshPlan(approved, at(2_000), timing, true)).toEqual({ kind: "returned", sinceMs: 2_000 });
  });
});
