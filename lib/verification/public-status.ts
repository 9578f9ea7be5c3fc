import type { SessionRecord } from "@/lib/db/sessions";
import type { Provider } from "@/lib/generated/prisma/enums";
import { readOnboarding } from "./onboarding";
import { STATUS, type VerificationStatus } from "./status";

/**
 * What the public status route and page know about a session: codes, never words (the page says them in
 * the employee's language) and no personal data. `onboarding` only for an approved session: what the
 * employee must still do in EasyFreelance, by EasyFreelance's step names.
 */
export type PublicStatus = {
  status: VerificationStatus;
  final: boolean;
  provider: Provider;
  onboarding: PublicOnboarding | null;
  /** When the server will next ask EasyFreelance if asked itself, in ms (0: at the next poll); null: no check planned. */
  checkInMs: number | null;
};

/** `complete` only when EasyFreelance said so and listed nothing missing (fail closed). */
export type PublicOnboarding = { complete: boolean; missingSteps: string[] };

export function toPublicStatus(session: Pick<SessionRecord, "status" | "provider" | "onboarding">, checkInMs: number | null = null): PublicStatus {
  return {
    status: session.status,
    final: STATUS[session.status].final,
    provider: session.provider,
    onboarding: session.status === "approved" ? publicOnboarding(session.onboarding) : null,
    checkInMs,
  };
}

function publicOnboarding(stored: unknown): PublicOnboarding | null {
  const state = readOnboarding(stored);
  if (!state) return null;
  // EasyFreelance's list first; a step it marks undone without listing it is still something to do.
  const undone = state.steps.filter((step) => !step.done).map((step) => step.step);
  const missing = [...new Set([...state.missingSteps, ...undone])];
  // The approval itself is the identity step: if EasyFreelance has not caught up yet, there is nothing for
  // the employee to do about it (the page keeps asking until it has).
  return { complete: state.isOnboarded && missing.length === 0, missingSteps: missing.filter((step) => step !== "id_verification") };
}

/** Whether the employee's page should keep asking: a session still moving, or an approval with steps left. */
export function isSettled(status: PublicStatus): boolean {
  if (!status.final) return false;
  return status.status !== "approved" || status.onboarding === null || status.onboarding.complete;
}
