// The onboarding steps EasyFreelance is known to name (catalogue namespaces `onboardingStep` and
// `statusPage.todo`); others are shown by name. No imports: the employee's status page uses it in the browser.
export const KNOWN_ONBOARDING_STEPS = ["id_verification", "terms", "profile", "bank_account"] as const;
export type KnownOnboardingStep = (typeof KNOWN_ONBOARDING_STEPS)[number];
export const isKnownOnboardingStep = (step: string): step is KnownOnboardingStep => (KNOWN_ONBOARDING_STEPS as readonly string[]).includes(step);
