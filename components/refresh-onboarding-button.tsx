"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { refreshOnboardingAction } from "@/app/(portal)/employees/[id]/actions";
import { formStateOf } from "@/lib/forms/result";
import { FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";

export function RefreshOnboardingButton({ employeeId }: { employeeId: string }) {
  const t = useTranslations("employee");
  const [state, action, pending] = useActionState(refreshOnboardingAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <input type="hidden" name="employeeId" value={employeeId} />
      <SubmitButton variant="secondary" pending={pending} pendingLabel={t("asking")}>
        {t("refresh")}
      </SubmitButton>
      <FailureAlert failure={formStateOf(state).failed} className="max-w-md" />
    </form>
  );
}
