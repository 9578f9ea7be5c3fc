import { describe, expect, it } from "vitest";
import { latestOnboarding, readOnboarding } from "@/lib/verification/onboarding";

const snapshot = (missing: string[], isOnboarded = missing.length === 0) => ({
  steps: { id_verification: !missing.includes("id_verification"), terms: !missing.includes("terms"), profile: !missing.includes("profile") },
  missingSteps: missing,
  isOnboarded,
  idVerified: !missing.includes("id_verification"),
  statusVersion: 1,
  evaluatedAt: "2026-01-01T00:00:00.000Z",
});

describe("reading stored onboarding snapshots", () => {
  it("lists every step with a label, and keeps approved identity with missing terms visible", () => {
    const state = readOnboarding(snapshot(["terms"]));
    expect(state).toMatchObject({ idVerified: true, isOnboarded: false, missingSteps: ["terms"] });
    expect(state?.steps).toEqual([
      { step: "id_verification", name: "Id verification", done: true },
      { step: "terms", name: "Terms", done: false },
      { step: "profile", name: "Profile", done: true },
    ]);
    expect(state?.evaluatedAt).toEqual(new Date("2026-01-01T00:00:00.000Z"));
  });

  it("fails closed: onboarded only without missing steps; a missing step not in steps is listed", () => {
    expect(readOnboarding({ ...snapshot([]), missingSteps: ["bank_account"], isOnboarded: true })).toMatchObject({
      isOnboarded: false,
      steps: expect.arrayContaining([{ step: "bank_account", name: "Bank account", done: false }]),
    });
  });

  it("reads nothing from null or junk", () => {
    expect(readOnboarding(null)).toBeNull();
    expect(readOnboarding("text")).toBeNull();
    expect(readOnboarding({ steps: "x", missingSteps: 3 })).toMatchObject({ steps: [], isOnboarded: false, idVerified: null });
  });

  it("picks the newest readable snapshot and says where it came from", () => {
    const older = { kind: "session" as const, at: new Date("2026-01-01"), value: snapshot(["id_verification"]) };
    const newer = { kind: "easyfreelance" as const, at: new Date("2026-01-02"), value: snapshot([]) };
    expect(latestOnboarding([older, newer])).toMatchObject({ source: "easyfreelance", isOnboarded: true });
    expect(latestOnboarding([older, { ...newer, value: null }])).toMatchObject({ source: "session", idVerified: false });
    expect(latestOnboarding([])).toBeNull();
  });
});
