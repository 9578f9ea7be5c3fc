"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { checkCredentialsAction, registerReturnUrlAction } from "@/app/(portal)/settings/actions";
import { REGISTER_AGAIN_WARNING } from "@/lib/settings/registration-status";

const buttonClass = "rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60";
const secondaryClass = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";

function ErrorMessage({ error }: { error: string }) {
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </p>
  );
}

type RegisterState = Awaited<ReturnType<typeof registerReturnUrlAction>>;

/**
 * "Register return URL" while the portal has no registration of it; afterwards "Register again…", which
 * files a new request only after the warning and a ticked confirmation (the server refuses it without
 * that too). There is no way to read an existing registration's status, so nothing here is a refresh.
 * One component for both, so a message survives the page switching from one to the other.
 */
export function ReturnUrlRegistration({ registered }: { registered: boolean }) {
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
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Asking EasyFreelance…" : "Register return URL"}
        </button>
        {state && !state.ok && <ErrorMessage error={state.error} />}
      </form>
    );
  }
  return (
    <div className="space-y-2">
      {open ? (
        <form action={action} aria-label="Register again" className="max-w-xl space-y-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-300">
          <p>{REGISTER_AGAIN_WARNING}</p>
          <label className="flex items-start gap-2">
            <input ref={confirmRef} type="checkbox" name="confirmNewRequest" value="yes" required className="mt-0.5" />
            <span>I understand this files a new request</span>
          </label>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={pending} className={buttonClass}>
              {pending ? "Asking EasyFreelance…" : "Register again"}
            </button>
            <button type="button" onClick={() => setOpen(false)} className={secondaryClass}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)} className={secondaryClass}>
          Register again…
        </button>
      )}
      {state && !state.ok && <ErrorMessage error={state.error} />}
      {state?.ok && filedAgain && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          New registration request filed; EasyFreelance answered “{state.data.status}”.
        </p>
      )}
    </div>
  );
}

const OUTCOME_STYLES = {
  accepted: "bg-green-50 text-green-900",
  rejected: "bg-red-50 text-red-800",
  inconclusive: "bg-amber-50 text-amber-900",
} as const;

export function CheckCredentialsButton() {
  const [state, action, pending] = useActionState(checkCredentialsAction, null);
  return (
    <form action={action} className="space-y-2">
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Checking…" : "Check credentials"}
      </button>
      {state && !state.ok && <ErrorMessage error={state.error} />}
      {state?.ok && (
        <p
          role={state.data.outcome === "accepted" ? "status" : "alert"}
          data-outcome={state.data.outcome}
          className={`rounded-md px-3 py-2 text-sm ${OUTCOME_STYLES[state.data.outcome]}`}
        >
          {state.data.message}
        </p>
      )}
    </form>
  );
}
