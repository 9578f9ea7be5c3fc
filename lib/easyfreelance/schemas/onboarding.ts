// The employee's onboarding block, as it comes on a status answer and on a user.
import { z } from "zod";
import { isPlainObject } from "@/lib/plain-object";
import { toBooleanish } from "./answer-fields";
import { parseApiDate } from "./dates";

/** The ID step of onboarding; older API versions called it `entity_verification`. */
export const ID_VERIFICATION_STEP = "id_verification";
const LEGACY_ID_VERIFICATION_STEP = "entity_verification";

export interface Onboarding {
  /** Step -> done. The ID step is always `id_verification` (mapped from `entity_verification`). */
  steps: Record<string, boolean>;
  /** The ID step, or null when EasyFreelance did not report it. */
  idVerified: boolean | null;
  missingSteps: string[];
  /** True only when EasyFreelance says so and lists no missing step (fail closed). */
  isOnboarded: boolean;
  statusVersion: string | number | null;
  evaluatedAt: Date | null;
}

function normalizeStepName(step: string): string {
  return step === LEGACY_ID_VERIFICATION_STEP ? ID_VERIFICATION_STEP : step;
}

/**
 * The onboarding block is informational and best effort: it never makes a response unreadable.
 * An object, a JSON string of one, or null are accepted; anything else reads as null (unknown,
 * which callers must treat as not onboarded). Step values that are not boolean-like read as false.
 */
function normalizeOnboarding(value: unknown): Onboarding | null {
  let raw = value;
  if (typeof raw === "string") {
    if (raw.trim() === "") return null;
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!isPlainObject(raw)) return null;

  const steps: Record<string, boolean> = {};
  if (isPlainObject(raw.steps)) {
    for (const [name, done] of Object.entries(raw.steps)) {
      const step = normalizeStepName(name);
      // The current name wins over the legacy one when both are present.
      if (step !== name && Object.hasOwn(raw.steps, step)) continue;
      steps[step] = toBooleanish(done) ?? false;
    }
  }

  // PHP serialises a filtered array as an object ({"1": "terms"}): accept its values too.
  const missingSource = Array.isArray(raw.missing_steps)
    ? raw.missing_steps
    : isPlainObject(raw.missing_steps)
      ? Object.values(raw.missing_steps)
      : [];
  const missingSteps = [...new Set(missingSource.filter((s): s is string => typeof s === "string").map(normalizeStepName))];

  const statusVersion = typeof raw.status_version === "string" || typeof raw.status_version === "number" ? raw.status_version : null;
  const evaluatedAt = typeof raw.evaluated_at === "string" ? parseApiDate(raw.evaluated_at) : null;

  return {
    steps,
    idVerified: Object.hasOwn(steps, ID_VERIFICATION_STEP) ? steps[ID_VERIFICATION_STEP] : null,
    missingSteps,
    isOnboarded: toBooleanish(raw.is_onboarded) === true && missingSteps.length === 0,
    statusVersion,
    evaluatedAt,
  };
}

export const onboardingSchema = z.unknown().transform(normalizeOnboarding);
