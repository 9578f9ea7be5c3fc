import type { OnboardingSteps, UserRecord } from "./types";

export type OnboardingView = {
  steps: OnboardingSteps;
  missing_steps: Array<keyof OnboardingSteps>;
  is_onboarded: boolean;
  status_version: number;
  evaluated_at: string;
};

export function onboardingView(user: UserRecord): OnboardingView {
  const steps = { ...user.steps };
  const missing = (Object.keys(steps) as Array<keyof OnboardingSteps>).filter((step) => !steps[step]);
  return {
    steps,
    missing_steps: missing,
    is_onboarded: missing.length === 0,
    status_version: user.statusVersion,
    evaluated_at: user.evaluatedAt,
  };
}
