import { useTranslations } from "next-intl";
import type { EmployeeWithHistory } from "@/lib/db/employees";
import { employeeOnboarding, isKnownOnboardingStep, type OnboardingState } from "@/lib/verification/onboarding";
import { LocalTime } from "@/components/local-time";
import { RefreshOnboardingButton } from "@/components/refresh-onboarding-button";
import { Card } from "@/components/ui/card";

/** A step's name in the page's language; a step EasyFreelance added later is shown by its own name. */
function useStepLabel() {
  const t = useTranslations("onboardingStep");
  return (step: OnboardingState["steps"][number]) => (isKnownOnboardingStep(step.step) ? t(step.step) : step.name);
}

export function OnboardingSection({ employee }: { employee: EmployeeWithHistory }) {
  const t = useTranslations("employee");
  const stepLabel = useStepLabel();
  const onboarding = employeeOnboarding(employee);
  const missing = onboarding?.steps.filter((step) => !step.done) ?? [];
  return (
    <Card
      title={t("onboarding")}
      headingId="onboarding-heading"
      data-testid="onboarding"
      subtitle={
        onboarding && (
          <>
            {t.rich(onboarding.source === "session" ? "reportedDuringVerification" : "reportedWhenAsked", {
              when: () => <LocalTime value={onboarding.at} />,
            })}
          </>
        )
      }
      actions={<RefreshOnboardingButton employeeId={employee.id} />}
    >
      {!onboarding ? (
        <p className="mt-4 text-sm text-slate-600">{t("onboardingUnknown")}</p>
      ) : (
        <>
          <p className="mt-4 text-sm font-medium" data-testid="onboarding-summary">
            {onboarding.isOnboarded
              ? t("fullyOnboarded")
              : onboarding.missingSteps.length > 0
                ? t("stillMissing", { steps: missing.map(stepLabel).join(", ") })
                : t("notOnboarded")}
          </p>
          {onboarding.idVerified && !onboarding.isOnboarded && <p className="mt-1 text-sm text-amber-800">{t("verifiedNotOnboarded")}</p>}
          <ul className="mt-3 space-y-1 text-sm">
            {onboarding.steps.map((step) => (
              <li key={step.step} data-step={step.step} data-done={step.done} className="flex items-center gap-2">
                <span aria-hidden className={step.done ? "text-green-700" : "text-red-700"}>
                  {step.done ? "✓" : "✗"}
                </span>
                {stepLabel(step)}:{" "}
                <span className={step.done ? "text-green-800" : "font-medium text-red-800"}>{step.done ? t("stepDone") : t("stepMissing")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
