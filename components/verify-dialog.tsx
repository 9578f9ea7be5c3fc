"use client";

import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import {
  startOverVerificationAction,
  startVerificationAction,
  verifyDialogStateAction,
  type StartedVerification,
} from "@/app/(portal)/employees/actions";
import type { VerifyDialogState } from "@/lib/verification/dialog-state";
import { STATUS_LABELS } from "@/lib/verification/status";
import { FieldError } from "./field-error";
import { formatTime } from "./local-time";
import { useLiveStatus } from "./live-statuses";

type Target = { id: string; name: string };
type Failure = { error: string; fieldErrors?: Record<string, string[]> };
type View =
  | { kind: "loading" }
  | { kind: "unavailable"; error: string }
  | { kind: "state"; state: VerifyDialogState }
  | { kind: "started"; started: StartedVerification; how: "new" | "reused" | "start_over"; state: VerifyDialogState };

const OpenVerify = createContext<(target: Target) => void>(() => undefined);

const formData = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

/**
 * One Verify dialog for a whole page. Every time it opens, and whenever the open link's live status
 * changes, it reads the employee's state from the server, so it never offers a finished session's link.
 */
export function VerifyDialogProvider({ children }: { children: React.ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, startBusy] = useTransition();
  const titleId = useId();

  const load = useCallback(async (employeeId: string) => {
    const result = await verifyDialogStateAction(null, formData({ employeeId }));
    setView(result.ok ? { kind: "state", state: result.data } : { kind: "unavailable", error: result.error });
  }, []);

  const open = useCallback(
    (next: Target) => {
      setTarget(next);
      setFailure(null);
      setView({ kind: "loading" });
      dialogRef.current?.showModal();
      startBusy(() => load(next.id));
    },
    [load],
  );

  function submit(action: typeof startVerificationAction, data: FormData, how: "new" | "start_over") {
    if (!target) return;
    startBusy(async () => {
      const result = await action(null, data);
      if (result.ok) {
        const state = view.kind === "state" || view.kind === "started" ? view.state : null;
        setFailure(null);
        if (state) setView({ kind: "started", started: result.data, how: result.data.reused && how === "new" ? "reused" : how, state });
        else await load(target.id);
        return;
      }
      setFailure({ error: result.error, fieldErrors: result.fieldErrors });
      // Whatever failed, show what is true now (e.g. the old link that still works, or "already verified").
      await load(target.id);
    });
  }

  // The reference whose live status (on the Employees list) would make this dialog stale.
  const watched = view.kind === "started" ? view.started.reference : view.kind === "state" ? (view.state.open?.reference ?? null) : null;
  const live = useLiveStatus(watched);
  const seen = useRef<string | null>(null);
  useEffect(() => {
    const key = watched && live ? `${watched}:${live.status}` : null;
    if (key && seen.current && seen.current !== key && live && live.status !== "pending" && target) startBusy(() => load(target.id));
    seen.current = key;
  }, [watched, live, target, load]);

  return (
    <OpenVerify.Provider value={open}>
      {children}
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => setTarget(null)}
        className="m-auto w-[calc(100%-1rem)] max-w-md rounded-lg p-0 text-left shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-4 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            Verify {target?.name}
          </h2>
          {failure && (
            <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {failure.error}
            </p>
          )}
          {view.kind === "loading" && <p className="mt-4 text-sm text-slate-600">Checking the employee&apos;s current verification…</p>}
          {view.kind === "unavailable" && <p className="mt-4 text-sm text-red-800">{view.error}</p>}
          {(view.kind === "state" || view.kind === "started") && target && (
            <DialogBody
              key={view.kind === "started" ? view.started.sessionId : "state"}
              view={view}
              employeeId={target.id}
              fieldErrors={failure?.fieldErrors}
              busy={busy}
              onStart={(data) => submit(startVerificationAction, data, "new")}
              onStartOver={(data) => submit(startOverVerificationAction, data, "start_over")}
            />
          )}
          <div className="mt-4 flex justify-end">
            <button type="button" onClick={() => dialogRef.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              Close
            </button>
          </div>
        </div>
      </dialog>
    </OpenVerify.Provider>
  );
}

function DialogBody({
  view,
  employeeId,
  fieldErrors,
  busy,
  onStart,
  onStartOver,
}: {
  view: Extract<View, { kind: "state" | "started" }>;
  employeeId: string;
  fieldErrors?: Record<string, string[]>;
  busy: boolean;
  onStart: (data: FormData) => void;
  onStartOver: (data: FormData) => void;
}) {
  const { state } = view;
  const link = view.kind === "started" ? view.started : state.open;
  return (
    <div className="mt-4 space-y-3 text-sm">
      {state.verified && (
        <p className="rounded-md bg-green-50 px-3 py-2 text-green-900" data-testid="verified-fact">
          Verified {state.verified.description}.
          {state.verified.onReplacedLink && " The approval arrived on a link that had been replaced."}
        </p>
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
          busy={busy}
          onStartOver={onStartOver}
        />
      ) : state.starting ? (
        <p role="status" className="text-slate-700">
          A verification for this employee is starting right now. Close this dialog and open it again in a moment.
        </p>
      ) : (
        <>
          {state.lastAttempt && state.lastAttempt.status !== "approved" && (
            <p className="text-slate-600" data-testid="last-attempt">
              Last attempt: {STATUS_LABELS[state.lastAttempt.status].toLowerCase()}, {formatTime(state.lastAttempt.at)}.
            </p>
          )}
          <StartForm employeeId={employeeId} verified={state.verified !== null} fieldErrors={fieldErrors} busy={busy} onStart={onStart} />
        </>
      )}
    </div>
  );
}

function LinkView({
  link,
  message,
  employeeId,
  busy,
  onStartOver,
}: {
  link: StartedVerification | NonNullable<VerifyDialogState["open"]>;
  message: string;
  employeeId: string;
  busy: boolean;
  onStartOver: (data: FormData) => void;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(link.verificationUrl).catch(() => undefined);
    setCopied(true);
  }
  function startOver(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onStartOver(new FormData(event.currentTarget));
  }
  return (
    <div className="space-y-3" data-testid="verification-link">
      <p role="status" className="rounded-md bg-blue-50 px-3 py-2 text-blue-900">
        {message}
      </p>
      <input
        readOnly
        value={link.verificationUrl}
        aria-label="Verification link"
        className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="flex flex-wrap gap-2">
        <a href={link.verificationUrl} target="_blank" rel="noopener noreferrer" className="rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-brand-dark">
          Open link
        </a>
        <button type="button" onClick={copy} className="rounded-md border border-slate-300 px-3 py-1.5">
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
      {link.expiresAt && (
        <p className="text-slate-600">
          Expires <time dateTime={link.expiresAt}>{formatTime(link.expiresAt)}</time>
        </p>
      )}
      <form onSubmit={startOver} className="border-t border-slate-200 pt-3">
        <input type="hidden" name="employeeId" value={employeeId} />
        <input type="hidden" name="provider" value={link.provider} />
        {link.idType && <input type="hidden" name="idType" value={link.idType} />}
        <input type="hidden" name="replaceSessionId" value={link.sessionId} />
        <p className="text-slate-600">
          Starting over replaces this link with a new one once EasyFreelance has started it; until then this link keeps working, and a
          result on it is still recorded.
        </p>
        <button type="submit" disabled={busy} className="mt-2 rounded-md border border-slate-300 px-3 py-1.5">
          {busy ? "Working…" : "Start over with a new link"}
        </button>
      </form>
    </div>
  );
}

function StartForm({
  employeeId,
  verified,
  fieldErrors,
  busy,
  onStart,
}: {
  employeeId: string;
  verified: boolean;
  fieldErrors?: Record<string, string[]>;
  busy: boolean;
  onStart: (data: FormData) => void;
}) {
  // Controlled, and submitted by hand rather than through <form action>: React resets a form after its
  // action, which would put the choices back to their defaults after a failed start.
  const [provider, setProvider] = useState<"veriff" | "bankid">("veriff");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onStart(new FormData(event.currentTarget));
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <input type="hidden" name="employeeId" value={employeeId} />
      <fieldset>
        <legend className="font-medium">Provider</legend>
        <div className="mt-2 space-y-2">
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
          <legend className="font-medium">ID document</legend>
          <div className="mt-2 space-y-2">
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
      {verified && (
        <fieldset className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <legend className="px-1 font-medium">Already verified</legend>
          <p>A new verification does not undo the one above. Start one only if you need the employee to prove their identity again.</p>
          <label className="flex flex-col">
            Reason (optional, kept in the audit trail)
            <textarea name="reason" maxLength={500} rows={2} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1" />
          </label>
          <FieldError id="reason-error" errors={fieldErrors?.reason} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirmReverify" />
            Start a new verification anyway
          </label>
        </fieldset>
      )}
      <div className="flex justify-end">
        <button type="submit" disabled={busy} className="rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:bg-brand-dark disabled:opacity-60">
          {busy ? "Starting…" : "Start verification"}
        </button>
      </div>
    </form>
  );
}

/** The row's (or page's) Verify button: opens the page's one dialog for this employee. */
export function VerifyButton({ employeeId, employeeName }: { employeeId: string; employeeName: string }) {
  const open = useContext(OpenVerify);
  return (
    <button
      type="button"
      onClick={() => open({ id: employeeId, name: employeeName })}
      className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark"
      aria-label={`Verify ${employeeName}`}
    >
      Verify
    </button>
  );
}
