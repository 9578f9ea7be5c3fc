"use client";

import { useActionState } from "react";
import { refreshOnboardingAction } from "@/app/(portal)/employees/[id]/actions";

export function RefreshOnboardingButton({ employeeId }: { employeeId: string }) {
  const [state, action, pending] = useActionState(refreshOnboardingAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <input type="hidden" name="employeeId" value={employeeId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
        {pending ? "Asking EasyFreelance…" : "Refresh from EasyFreelance"}
      </button>
      {state && !state.ok && (
        <p role="alert" className="max-w-md rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.error}
        </p>
      )}
    </form>
  );
}
