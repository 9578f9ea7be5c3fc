import type { EmployeeWithHistory } from "@/lib/db/employees";
import { employeeOnboarding, onboardingSummary } from "@/lib/verification/onboarding";
import { LocalTime } from "@/components/local-time";
import { RefreshOnboardingButton } from "@/components/refresh-onboarding-button";
import { Card } from "@/components/ui/card";

export function OnboardingSection({ employee }: { employee: EmployeeWithHistory }) {
  const onboarding = employeeOnboarding(employee);
  return (
    <Card
      title="Onboarding"
      headingId="onboarding-heading"
      data-testid="onboarding"
      subtitle={
        onboarding && (
          <>
            As EasyFreelance reported it {onboarding.source === "session" ? "during the latest verification" : "when last asked"},{" "}
            <LocalTime value={onboarding.at} />.
          </>
        )
      }
      actions={<RefreshOnboardingButton employeeId={employee.id} />}
    >
      {!onboarding ? (
        <p className="mt-4 text-sm text-slate-600">Not known yet: EasyFreelance reports it after a verification, or when you refresh.</p>
      ) : (
        <>
          <p className="mt-4 text-sm font-medium" data-testid="onboarding-summary">
            {onboardingSummary(onboarding)}
          </p>
          {onboarding.idVerified && !onboarding.isOnboarded && (
            <p className="mt-1 text-sm text-amber-800">Identity is verified, but the employee has not finished onboarding in EasyFreelance.</p>
          )}
          <ul className="mt-3 space-y-1 text-sm">
            {onboarding.steps.map((step) => (
              <li key={step.step} data-step={step.step} data-done={step.done} className="flex items-center gap-2">
                <span aria-hidden className={step.done ? "text-green-700" : "text-red-700"}>
                  {step.done ? "✓" : "✗"}
                </span>
                {step.label}: <span className={step.done ? "text-green-800" : "font-medium text-red-800"}>{step.done ? "done" : "missing"}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
