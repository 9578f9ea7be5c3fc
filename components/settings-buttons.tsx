"use client";

import { useActionState } from "react";
import { checkCredentialsAction, registerReturnUrlAction } from "@/app/(portal)/settings/actions";

const buttonClass = "rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60";

export function RegisterReturnUrlButton({ registered }: { registered: boolean }) {
  const [state, action, pending] = useActionState(registerReturnUrlAction, null);
  return (
    <form action={action} className="space-y-2">
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Asking EasyFreelance…" : registered ? "Refresh approval status" : "Register return URL"}
      </button>
      {state && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
    </form>
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
      {state && !state.ok && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
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
