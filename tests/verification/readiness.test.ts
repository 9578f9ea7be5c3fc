import { describe, expect, it } from "vitest";
import { readOnboarding } from "@/lib/verification/onboarding";
import { readiness, type VerificationFact } from "@/lib/verification/readiness";

const verified: VerificationFact = { verifiedAt: new Date("2026-11-20T10:00:00Z"), verifiedProvider: "veriff", verifiedIdType: "local" };
const notVerified: VerificationFact = { verifiedAt: null, verifiedProvider: null, verifiedIdType: null };

/** A stored snapshot as the client writes it: steps, missing steps, EasyFreelance's verdict. */
function snapshot(steps: Record<string, boolean>, extra: Partial<{ missingSteps: string[]; isOnboarded: boolean }> = {}) {
  const missingSteps = extra.missingSteps ?? Object.keys(steps).filter((s) => !steps[s]);
  return readOnboarding({
    steps,
    missingSteps,
    isOnboarded: extra.isOnboarded ?? missingSteps.length === 0,
    idVerified: steps.id_verification ?? null,
    evaluatedAt: "2026-11-21T08:00:00.000Z",
  });
}

const all = { id_verification: true, terms: true, profile: true, bank_account: true };

describe("readiness (ready to pay)", () => {
  it("is ready when identity is verified and EasyFreelance says onboarded with every step done", () => {
    const r = readiness(verified, snapshot(all));
    expect(r.ready).toBe(true);
    expect(r.identity).toEqual({ verified: true, provider: "veriff", idType: "local", at: verified.verifiedAt });
    expect(r.checks).toEqual({ identity: "done", terms: "done", profile: "done", bank_account: "done", onboarded: "done" });
    expect(r.onboardingAt).toEqual(new Date("2026-11-21T08:00:00.000Z"));
    expect(r.otherMissing).toEqual([]);
  });

  it("fails closed when onboarding is unknown: not ready, onboarding rows unknown, identity still shown", () => {
    const r = readiness(verified, null);
    expect(r.ready).toBe(false);
    expect(r.checks).toEqual({ identity: "done", terms: "unknown", profile: "unknown", bank_account: "unknown", onboarded: "unknown" });
    expect(r.onboardingAt).toBeNull();
    // An unreadable snapshot reads as unknown too.
    expect(readiness(verified, readOnboarding("garbage")).ready).toBe(false);
  });

  it("is not ready without the verification fact, even when EasyFreelance says onboarded", () => {
    const r = readiness(notVerified, snapshot(all));
    expect(r.ready).toBe(false);
    expect(r.identity).toEqual({ verified: false });
    expect(r.checks.identity).toBe("missing");
    expect(r.checks.onboarded).toBe("done");
  });

  it("names the missing step: terms missing → not ready, terms row missing", () => {
    const r = readiness(verified, snapshot({ ...all, terms: false }));
    expect(r.ready).toBe(false);
    expect(r.checks).toMatchObject({ terms: "missing", profile: "done", bank_account: "done", onboarded: "missing" });
  });

  it("does not trust is_onboarded over a step reported as not done", () => {
    // EasyFreelance says onboarded and lists nothing missing, but reports profile = false.
    const r = readiness(verified, snapshot({ ...all, profile: false }, { missingSteps: [], isOnboarded: true }));
    expect(r.checks.profile).toBe("missing");
    expect(r.checks.onboarded).toBe("missing");
    expect(r.ready).toBe(false);
    // And a missing step listed beside is_onboarded = true wins too.
    expect(readiness(verified, snapshot(all, { missingSteps: ["terms"], isOnboarded: true })).ready).toBe(false);
  });

  it("shows a step EasyFreelance does not report as unknown without blocking its own verdict", () => {
    const r = readiness(verified, snapshot({ id_verification: true, terms: true, profile: true }));
    expect(r.checks.bank_account).toBe("unknown");
    expect(r.ready).toBe(true);
  });

  it("lists unknown missing steps by name, never hiding them", () => {
    const r = readiness(verified, snapshot({ ...all, tax_card: false }));
    expect(r.otherMissing).toEqual(["tax_card"]);
    expect(r.ready).toBe(false);
  });

  it("uses the snapshot's own time when the caller gives one (where it was read)", () => {
    const state = snapshot(all)!;
    expect(readiness(verified, { ...state, at: new Date("2026-11-22T00:00:00Z") }).onboardingAt).toEqual(new Date("2026-11-22T00:00:00Z"));
  });
});
