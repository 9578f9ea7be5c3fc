"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { checkCredentialsAction, registerReturnUrlAction } from "@/app/(portal)/settings/actions";
import { formStateOf } from "@/lib/forms/result";
import { Alert, FailureAlert, type AlertTone } from "./ui/alert";
import { Button, SubmitButton } from "./ui/button";

type RegisterState = Awaited<ReturnType<typeof registerReturnUrlAction>>;

/**
 * "Register return URL" while the portal has no registration of it; afterwards "Register again…", which
 * files a new request only after the warning and a ticked confirmation (the server refuses it without
 * that too). There is no way to read an existing registration's status, so nothing here is a refresh.
 * One component for both, so a message survives the page switching from one to the other.
 */
export function ReturnUrlRegistration({ registered }: { registered: boolean }) {
  const t = useTranslations("settings");
  const confirmRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [filedAgain, setFiledAgain] = useState(false);
  const [state, action, pending] = useActionState(async (previous: RegisterState | null, formData: FormData) => {
    const result = await registerReturnUrlAction(previous, formData);
    const again = formData.get("confirmNewRequest") === "yes";
    setFiledAgain(result.ok && again);
    if (result.ok) setOpen(false);
    return result;
  }, null);

  // The panel replaces the button that opened it: keep keyboard focus in it.
  useEffect(() => {
    if (open) confirmRef.current?.focus();
  }, [open]);

  if (!registered) {
    return (
      <form action={action} className="space-y-2">
        <SubmitButton pending={pending} pendingLabel={t("asking")}>
          {t("register")}
        </SubmitButton>
        <FailureAlert failure={formStateOf(state).failed} />
      </form>
    );
  }
  return (
    <div className="space-y-2">
      {open ? (
        <form
          action={action}
          aria-label={t("registerAgain")}
          className="max-w-xl space-y-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-300"
        >
          <p>{t("registerAgainWarning")}</p>
          <label className="flex items-start gap-2">
            <input ref={confirmRef} type="checkbox" name="confirmNewRequest" value="yes" required className="mt-0.5" />
            <span>{t("registerAgainConfirm")}</span>
          </label>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} pendingLabel={t("asking")}>
              {t("registerAgain")}
            </SubmitButton>
            <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          </div>
        </form>
      ) : (
        <Button onClick={() => setOpen(true)}>{t("registerAgainOpen")}</Button>
      )}
      <FailureAlert failure={formStateOf(state).failed} />
      {state?.ok && filedAgain && <Alert tone="success">{t("filedAgain", { status: state.data.status })}</Alert>}
    </div>
  );
}

const OUTCOME_TONES = { accepted: "success", rejected: "error", inconclusive: "warning" } as const satisfies Record<string, AlertTone>;

export function CheckCredentialsButton() {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState(checkCredentialsAction, null);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton pending={pending} pendingLabel={t("checking")}>
        {t("checkCredentials")}
      </SubmitButton>
      <FailureAlert failure={formStateOf(state).failed} />
      {state?.ok && (
        <Alert
          tone={OUTCOME_TONES[state.data.outcome]}
          role={state.data.outcome === "accepted" ? "status" : "alert"}
          data-outcome={state.data.outcome}
        >
          {state.data.message}
        </Alert>
      )}
    </form>
  );
}
