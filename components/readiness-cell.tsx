import { useTranslations } from "next-intl";
import type { Readiness } from "@/lib/verification/readiness";
import type { ReadinessFilter as Filter } from "@/lib/db/employees";
import { Badge } from "./ui/badge";

/** The onboarding rows a list cell names when they are missing (catalogue namespace `onboardingStep`). */
const STEP_ROWS = ["terms", "profile", "bank_account"] as const;

/** Why an employee is not ready, in a few words: identity first, then unknown onboarding, then what is missing. */
function useReason(readiness: Readiness): string {
  const t = useTranslations("readiness");
  const step = useTranslations("onboardingStep");
  if (!readiness.identity.verified) return t("reason.identity");
  if (readiness.checks.onboarded === "unknown") return t("reason.unknown");
  const missing = [...STEP_ROWS.filter((row) => readiness.checks[row] === "missing").map((row) => step(row)), ...readiness.otherMissing];
  return missing.length > 0 ? t("reason.missing", { steps: missing.join(", ") }) : t("reason.notOnboarded");
}

// Fail closed: an employee the lookup did not return reads as not ready, onboarding unknown.
const NOT_KNOWN: Readiness = {
  ready: false,
  identity: { verified: false },
  checks: { identity: "missing", terms: "unknown", profile: "unknown", bank_account: "unknown", onboarded: "unknown" },
  onboardingAt: null,
  otherMissing: [],
};

export function ReadinessColumnTitle() {
  return useTranslations("readiness")("column");
}

/** The list's readiness column: "Ready", or "Not ready" with the reason. */
export function ReadinessCell({ readiness }: { readiness: Readiness | undefined }) {
  const t = useTranslations("readiness");
  const reason = useReason(readiness ?? NOT_KNOWN);
  if (readiness?.ready)
    return (
      <Badge tone="success" data-ready="true">
        {t("ready")}
      </Badge>
    );
  return (
    <span className="flex flex-col items-start gap-0.5" data-ready="false">
      <Badge tone="warning">{t("notReady")}</Badge>
      <span className="text-xs text-slate-600">{reason}</span>
    </span>
  );
}

const FILTERS = ["ready", "not_ready"] as const satisfies readonly Filter[];

/** The list's readiness filter, a field of its search form (`readiness=ready|not_ready`). */
export function ReadinessFilter({ value }: { value: Filter | undefined }) {
  const t = useTranslations("readiness.filter");
  return (
    <label className="flex flex-col text-sm text-slate-700">
      {t("label")}
      <select name="readiness" defaultValue={value ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
        <option value="">{t("any")}</option>
        {FILTERS.map((filter) => (
          <option key={filter} value={filter}>
            {t(filter)}
          </option>
        ))}
      </select>
    </label>
  );
}
