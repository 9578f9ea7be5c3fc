import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";
import { fromUpstreamStatus, isFinal, needsUpstreamRefresh, STATUS_LABELS } from "@/lib/verification/status";
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
