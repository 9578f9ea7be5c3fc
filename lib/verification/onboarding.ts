// Reading back the onboarding snapshots the portal stored (the client's normalised `Onboarding`,
// serialised to JSON on a session or an employee) and choosing the one to show. No I/O here.
import { z } from "zod";

export type OnboardingState = {
  /** Step -> done, in EasyFreelance's order; `name`: how to show a step the catalogue does not know. */
  steps: Array<{ step: string; name: string; done: boolean }>;
  missingSteps: string[];
  /** True only when EasyFreelance said so and listed no missing step (fail closed). */
  isOnboarded: boolean;
  /** The identity step on its own: approved identity with other steps missing must be visible. */
  idVerified: boolean | null;
  evaluatedAt: Date | null;
};

const storedSchema = z.object({
  steps: z.record(z.string(), z.boolean()).catch({}),
  missingSteps: z.array(z.string()).catch([]),
  isOnboarded: z.boolean().catch(false),
  idVerified: z.boolean().nullable().catch(null),
  evaluatedAt: z.string().nullable().optional().catch(null),
});

export { KNOWN_ONBOARDING_STEPS, isKnownOnboardingStep, type KnownOnboardingStep } from "./onboarding-steps";

/**
 * A step by its own name ("tax_card" -> "Tax card"): what pages show for a step EasyFreelance added after
 * this portal was written. Known steps are said in the page's language (catalogue namespace `onboardingStep`).
 */
export function stepName(step: string): string {
  return step.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** A stored snapshot, or null when absent or unreadable (unknown: treated as not onboarded). */
export function readOnboarding(value: unknown): OnboardingState | null {
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return null;
  const { steps, missingSteps, isOnboarded, idVerified, evaluatedAt } = parsed.data;
  const names = [...new Set([...Object.keys(steps), ...missingSteps])];
  const evaluated = evaluatedAt ? new Date(evaluatedAt) : null;
  return {
    steps: names.map((step) => ({ step, name: stepName(step), done: steps[step] === true && !missingSteps.includes(step) })),
    missingSteps,
    isOnboarded: isOnboarded && missingSteps.length === 0,
    idVerified,
    evaluatedAt: evaluated && !Number.isNaN(evaluated.getTime()) ? evaluated : null,
  };
}

export type OnboardingSource = { kind: "session" | "easyfreelance"; at: Date; value: unknown };

/** The newest readable snapshot of the candidates, with where it came from. */
export function latestOnboarding(candidates: readonly OnboardingSource[]): (OnboardingState & { source: OnboardingSource["kind"]; at: Date }) | null {
  const readable = candidates
    .map((candidate) => ({ candidate, state: readOnboarding(candidate.value) }))
    .filter((x): x is { candidate: OnboardingSource; state: OnboardingState } => x.state !== null)
    .sort((a, b) => b.candidate.at.getTime() - a.candidate.at.getTime());
  const newest = readable[0];
  return newest ? { ...newest.state, source: newest.candidate.kind, at: newest.candidate.at } : null;
}

type WithSnapshots = {
  onboarding: unknown;
  onboardingCheckedAt: Date | null;
  /** Newest first. */
  sessions: readonly { onboarding: unknown; lastCheckedAt: Date | null; statusChangedAt: Date }[];
};

/** An employee's onboarding to show: the newer of the last refresh and the latest session that carries a snapshot. */
export function employeeOnboarding(employee: WithSnapshots) {
  const candidates: OnboardingSource[] = [];
  if (employee.onboarding !== null && employee.onboardingCheckedAt) {
    candidates.push({ kind: "easyfreelance", at: employee.onboardingCheckedAt, value: employee.onboarding });
  }
  const withSnapshot = employee.sessions.find((session) => session.onboarding !== null);
  if (withSnapshot) {
    candidates.push({ kind: "session", at: withSnapshot.lastCheckedAt ?? withSnapshot.statusChangedAt, value: withSnapshot.onboarding });
  }
  return latestOnboarding(candidates);
}
