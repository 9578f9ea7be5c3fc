"use client";

import { useActionState, useState } from "react";
import { startOverVerificationAction, startVerificationAction, type StartedVerification } from "@/app/(portal)/employees/actions";
import type { VerifyDialogState } from "@/lib/verification/dialog-state";
import { STATUS } from "@/lib/verification/status";
import { PROVIDER_LABELS } from "@/lib/verification/verified";
import { formStateOf, type ActionResult } from "@/lib/forms/result";
import type { Provider } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format/dates";
import { Alert } from "./ui/alert";
import { Button, SubmitButton, buttonClass } from "./ui/button";
import { FieldError } from "./ui/field";
import { LocalTime } from "./local-time";

export type { StartedVerification };

export type View =
  | { kind: "loading" }
  | { kind: "unavailable"; error: string }
  | { kind: "state"; state: VerifyDialogState }
  | { kind: "started"; started: StartedVerification; how: "new" | "reused" | "start_over"; state: VerifyDialogState };

export type Start = (action: typeof startVerificationAction, data: FormData, how: "new" | "start_over") => Promise<ActionResult<StartedVerification>>;

type BodyProps = { view: Extract<View, { kind: "state" | "started" }>; employeeId: string; start: Start };

export function DialogBody({ view, employeeId, start }: BodyProps) {
  const { state } = view;
  const link = view.kind === "started" ? view.started : state.open;
  return (
    <div className="mt-4 space-y-3 text-sm">
      {state.verified && (
        <Alert tone="success" role="none" data-testid="verified-fact">
          Verified {state.verified.description}.{state.verified.onReplacedLink && " The approval arrived on a link that had been replaced."}
        </Alert>
      )}
      {state.archived ? (
        <p className="text-slate-700">This employee is archived. Unarchive them on their page to verify them.</p>
      ) : link ? (
        <LinkView
          link={link}
          message={
            view.kind === "started" && view.how === "new"
              ? "Verification started. Send this link to the employee."
              : view.kind === "started" && view.how === "start_over"
                ? "Started over: the old link is replaced. Send this new link to the employee."
                : "This employee already has an open verification: here is the same link."
          }
          employeeId={employeeId}
          start={start}
        />
      ) : state.starting ? (
        <p role="status" className="text-slate-700">
          A verification for this employee is starting right now. Close this dialog and open it again in a moment.
        </p>
      ) : (
        <>
          {state.lastAttempt && state.lastAttempt.status !== "approved" && (
            <p className="text-slate-600" data-testid="last-attempt">
              Last attempt: {STATUS[state.lastAttempt.status].label.toLowerCase()}, {formatDate(state.lastAttempt.at)}.
            </p>
          )}
          <StartForm employeeId={employeeId} verified={state.verified !== null} start={start} />
        </>
      )}
    </div>
  );
}

type Link = StartedVerification | NonNullable<VerifyDialogState["open"]>;

function LinkView({ link, message, employeeId, start }: { link: Link; message: string; employeeId: string; start: Start }) {
  const [copied, setCopied] = useState(false);
  const [, startOver, pending] = useActionState((_: unknown, data: FormData) => start(startOverVerificationAction, data, "start_over"), null);
  async function copy() {
    await navigator.clipboard.writeText(link.verificationUrl).catch(() => undefined);
    setCopied(true);
  }
  return (
    <div className="space-y-3" data-testid="verification-link">
      <Alert tone="info">{message}</Alert>
      <input
        readOnly
        value={link.verificationUrl}
        aria-label="Verification link"
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="flex flex-wrap gap-2">
        <a href={link.verificationUrl} target="_blank" rel="noopener noreferrer" className={buttonClass({ variant: "brand" })}>
          Open link
        </a>
        <Button onClick={copy}>{copied ? "Copied" : "Copy link"}</Button>
      </div>
      {link.expiresAt && (
        <p className="text-slate-600">
          Expires <LocalTime value={link.expiresAt} />
        </p>
      )}
      <form action={startOver} className="border-t border-slate-200 pt-3">
        <input type="hidden" name="employeeId" value={employeeId} />
        <input type="hidden" name="provider" value={link.provider} />
        {link.idType && <input type="hidden" name="idType" value={link.idType} />}
        <input type="hidden" name="replaceSessionId" value={link.sessionId} />
        <p className="text-slate-600">
          Starting over replaces this link with a new one once EasyFreelance has started it; until then this link keeps working, and a result on it is
          still recorded.
        </p>
        <SubmitButton variant="secondary" className="mt-2" pending={pending} pendingLabel="Working…">
          Start over with a new link
        </SubmitButton>
      </form>
    </div>
  );
}

const PROVIDER_CHOICES: Record<Provider, string> = { veriff: `${PROVIDER_LABELS.veriff} (photo ID)`, bankid: PROVIDER_LABELS.bankid };
const asProvider = (value: string | undefined): Provider => (value === "bankid" ? "bankid" : "veriff");

/** The start form: one convention with the others (lib/forms/result.ts), so a failed start keeps the choices. */
function StartForm({ employeeId, verified, start }: { employeeId: string; verified: boolean; start: Start }) {
  const [state, action, pending] = useActionState((_: unknown, data: FormData) => start(startVerificationAction, data, "new"), null);
  const { values, errors } = formStateOf(state);
  // Whether to ask for the ID document: follows the radios, and after a failed start the provider that was sent.
  const [provider, setProvider] = useState<Provider>("veriff");
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setProvider(asProvider(values.provider));
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="employeeId" value={employeeId} />
      <fieldset>
        <legend className="font-medium">Provider</legend>
        <div className="mt-2 space-y-2">
          {(Object.keys(PROVIDER_CHOICES) as Provider[]).map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input
                type="radio"
                name="provider"
                value={choice}
                defaultChecked={choice === asProvider(values.provider)}
                onChange={() => setProvider(choice)}
              />
              {PROVIDER_CHOICES[choice]}
            </label>
          ))}
        </div>
        <FieldError id="provider-error" errors={errors.provider} />
      </fieldset>
      {provider === "veriff" && (
        <fieldset>
          <legend className="font-medium">ID document</legend>
          <div className="mt-2 space-y-2">
            <label className="flex items-center gap-2">
              <input type="radio" name="idType" value="local" defaultChecked={values.idType !== "international"} />
              Norwegian ID (passport, driving licence, national ID card)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="idType" value="international" defaultChecked={values.idType === "international"} />
              International ID (a non-Norwegian document)
            </label>
          </div>
          <FieldError id="idType-error" errors={errors.idType} />
        </fieldset>
      )}
      {verified && (
        <fieldset className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <legend className="px-1 font-medium">Already verified</legend>
          <p>A new verification does not undo the one above. Start one only if you need the employee to prove their identity again.</p>
          <label className="flex flex-col">
            Reason (optional, kept in the audit trail)
            <textarea
              name="reason"
              maxLength={500}
              rows={2}
              defaultValue={values.reason}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1"
            />
          </label>
          <FieldError id="reason-error" errors={errors.reason} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirmReverify" defaultChecked={values.confirmReverify === "on"} />
            Start a new verification anyway
          </label>
        </fieldset>
      )}
      <SubmitButton end pending={pending} pendingLabel="Starting…">
        Start verification
      </SubmitButton>
    </form>
  );
}
