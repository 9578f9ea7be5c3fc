// "Can we pay this person?": one employee's readiness, from the verification fact (employees.verified_*)
// and the latest onboarding snapshot (lib/verification/onboarding.ts). Pure, no I/O.
//
// Ready means all of:
//   1. identity verified: the portal's verification fact (an approved session), whatever later attempts did;
//   2. an onboarding snapshot is known (EasyFreelance reported one on a session or on GET/POST /users);
//   3. that snapshot says onboarded (is_onboarded and no missing steps), and every step it reports is done.
// Fails closed: no snapshot, an unreadable one, or a step EasyFreelance reports as not done → not ready. A
// step EasyFreelance does not report (e.g. no "bank_account" in the snapshot) is shown as "not reported" and
// does not block readiness on its own: EasyFreelance's own "onboarded" verdict decides what it needs.
//
// The database keeps the same rule in employees.ready (trigger `employees_track_readiness`, migration
// 20261127150000) for the list's filter; tests/db/readiness.test.ts proves the two agree.
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { KNOWN_ONBOARDING_STEPS, employeeOnboarding, type OnboardingState } from "./onboarding";

export type CheckState = "done" | "missing" | "unknown";

/** The checklist's rows, in order (catalogue namespace `readiness`, keys `item.*`). */
export const READINESS_ITEMS = ["identity", "terms", "profile", "bank_account", "onboarded"] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number];

/** The onboarding steps the checklist has a row for; others EasyFreelance reports are listed by name. */
const CHECKLIST_STEPS = ["terms", "profile", "bank_account"] as const;

export type VerificationFact = {
  verifiedAt: Date | null;
  verifiedProvider: Provider | null;
  verifiedIdType: IdType | null;
};

export type Readiness = {
  ready: boolean;
  identity: { verified: true; provider: Provider | null; idType: IdType | null; at: Date } | { verified: false };
  /** Each row's state; `unknown` = no snapshot, or a step EasyFreelance does not report. */
  checks: Record<ReadinessItem, CheckState>;
  /** When the snapshot behind the onboarding rows was taken; null when none is known. */
  onboardingAt: Date | null;
  /** Steps EasyFreelance reports as not done that have no row of their own (shown by name, never hidden). */
  otherMissing: string[];
};

function stepState(onboarding: OnboardingState | null, step: string): CheckState {
  const found = onboarding?.steps.find((s) => s.step === step);
  return found ? (found.done ? "done" : "missing") : "unknown";
}

export function readiness(fact: VerificationFact, onboarding: (OnboardingState & { at?: Date }) | null): Readiness {
  const identity: Readiness["identity"] = fact.verifiedAt
    ? { verified: true, provider: fact.verifiedProvider, idType: fact.verifiedIdType, at: fact.verifiedAt }
    : { verified: false };
  const onboarded = onboarding !== null && onboarding.isOnboarded && onboarding.steps.every((s) => s.done);
  const known = new Set<string>([...KNOWN_ONBOARDING_STEPS]);
  return {
    ready: identity.verified && onboarded,
    identity,
    checks: {
      identity: identity.verified ? "done" : "missing",
      terms: stepState(onboarding, CHECKLIST_STEPS[0]),
      profile: stepState(onboarding, CHECKLIST_STEPS[1]),
      bank_account: stepState(onboarding, CHECKLIST_STEPS[2]),
      onboarded: onboarding === null ? "unknown" : onboarded ? "done" : "missing",
    },
    onboardingAt: onboarding?.at ?? onboarding?.evaluatedAt ?? null,
    otherMissing: onboarding ? onboarding.steps.filter((s) => !s.done && !known.has(s.step)).map((s) => s.step) : [],
  };
}

/** Readiness from the fact and the snapshots the employee page chooses between (employeeOnboarding). */
export function readinessOf(employee: VerificationFact & Parameters<typeof employeeOnboarding>[0]): Readiness {
  return readiness(employee, employeeOnboarding(employee));
}
