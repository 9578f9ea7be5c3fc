"use client";

import { startTransition, useActionState, useId, useRef, useState, type FormEvent } from "react";
import { startOverVerificationAction, startVerificationAction } from "@/app/(portal)/employees/actions";
import { FieldError } from "./field-error";

const expiryFormatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Oslo" });

export function VerifyButton({ employeeId, employeeName }: { employeeId: string; employeeName: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [firstState, action, pending] = useActionState(startVerificationAction, null);
  const [overState, startOver, overPending] = useActionState(startOverVerificationAction, null);
  // After a successful start over, the new session is the one shown.
  const state = overState?.ok ? overState : firstState;
  const [provider, setProvider] = useState<"veriff" | "bankid">("veriff");
  const [copied, setCopied] = useState(false);
  const titleId = useId();
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;

  // Submitted by hand rather than through <form action>: React resets a form after its action, which
  // would put the radio buttons back to their defaults while the state still says otherwise, so
  // trying again after a failure (e.g. "try again in 30 seconds") would send the wrong choice.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  }

  async function copy(url: string) {
    await navigator.clipboard.writeText(url).catch(() => undefined);
    setCopied(true);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => dialogRef.current?.showModal()}
        className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark"
        aria-label={`Verify ${employeeName}`}
      >
        Verify
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            Verify {employeeName}
          </h2>
          {state?.ok ? (
            <div className="mt-4 space-y-3 text-sm" data-testid="verification-link">
              <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-900">
                {state.data.reused
                  ? "This employee already has an open verification: here is the same link."
                  : overState?.ok
                    ? "Started over: the old link is replaced. Send this new link to the employee."
                    : "Verification started. Send this link to the employee."}
              </p>
              <input
                readOnly
                value={state.data.verificationUrl}
                aria-label="Verification link"
                className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <div className="flex gap-2">
                <a
                  href={state.data.verificationUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-brand-dark"
                >
                  Open link
                </a>
                <button type="button" onClick={() => copy(state.data.verificationUrl)} className="rounded-md border border-slate-300 px-3 py-1.5">
                  {copied ? "Copied" : "Copy link"}
                </button>
              </div>
              {state.data.expiresAt && (
                <p className="text-slate-600">
                  Expires <time dateTime={state.data.expiresAt}>{expiryFormatter.format(new Date(state.data.expiresAt))}</time>
                </p>
              )}
              {state.data.reused && (
                <form action={startOver} className="border-t border-slate-200 pt-3">
                  <input type="hidden" name="employeeId" value={employeeId} />
                  <input type="hidden" name="provider" value={state.data.provider} />
                  {state.data.idType && <input type="hidden" name="idType" value={state.data.idType} />}
                  <input type="hidden" name="replaceSessionId" value={state.data.sessionId} />
                  {overState && !overState.ok && (
                    <p role="alert" className="mb-2 rounded-md bg-red-50 px-3 py-2 text-red-800">
                      {overState.error}
                    </p>
                  )}
                  <p className="text-slate-600">Starting over replaces this link with a new one; a result on the old link is still recorded.</p>
                  <button type="submit" disabled={overPending} className="mt-2 rounded-md border border-slate-300 px-3 py-1.5">
                    {overPending ? "Starting over…" : "Start over with a new link"}
                  </button>
                </form>
              )}
            </div>
          ) : (
            <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
              <input type="hidden" name="employeeId" value={employeeId} />
              {state && !state.ok && (
                <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                  {state.error}
                </p>
              )}
              <fieldset>
                <legend className="text-sm font-medium">Provider</legend>
                <div className="mt-2 space-y-2 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" name="provider" value="veriff" checked={provider === "veriff"} onChange={() => setProvider("veriff")} />
                    Veriff (photo ID)
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="provider" value="bankid" checked={provider === "bankid"} onChange={() => setProvider("bankid")} />
                    BankID
                  </label>
                </div>
                <FieldError id="provider-error" errors={fieldErrors?.provider} />
              </fieldset>
              {provider === "veriff" && (
                <fieldset>
                  <legend className="text-sm font-medium">ID document</legend>
                  <div className="mt-2 space-y-2 text-sm">
                    <label className="flex items-center gap-2">
                      <input type="radio" name="idType" value="local" defaultChecked />
                      Norwegian ID (passport, driving licence, national ID card)
                    </label>
                    <label className="flex items-center gap-2">
                      <input type="radio" name="idType" value="international" />
                      International ID (a non-Norwegian document)
                    </label>
                  </div>
                  <FieldError id="idType-error" errors={fieldErrors?.idType} />
                </fieldset>
              )}
              <div className="flex justify-end gap-2">
                <button type="button" onClick={() => dialogRef.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                  Close
                </button>
                <button
                  type="submit"
                  disabled={pending}
                  className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60"
                >
                  {pending ? "Starting…" : "Start verification"}
                </button>
              </div>
            </form>
          )}
          {state?.ok && (
            <div className="mt-4 flex justify-end">
              <button type="button" onClick={() => dialogRef.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                Close
              </button>
            </div>
          )}
        </div>
      </dialog>
    </>
  );
}
