"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { verifyDialogStateAction } from "@/app/(portal)/employees/actions";
import type { ActionResult, FormFailure } from "@/lib/forms/result";
import { Alert, FailureAlert } from "./ui/alert";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { LearnAttemptContext, useLiveStatus, type Attempt } from "./live-statuses";
import { DialogBody, type Start, type StartedVerification, type View } from "./verify-dialog-body";
import { InvitationPanel } from "./invitation-panel";
import type { VerifyDialogState } from "@/lib/verification/dialog-state";

type Target = { id: string; name: string };

const OpenVerify = createContext<(target: Target) => void>(() => undefined);

const formData = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

/** The attempt the Employees list shows for this state (as the server picks it): the open one, or else the newest. */
function attemptOf(state: VerifyDialogState): Attempt | null {
  if (state.open)
    return { reference: state.open.reference, status: "pending", statusChangedAt: state.open.statusChangedAt, provider: state.open.provider };
  const last = state.lastAttempt;
  return last ? { reference: last.reference, status: last.status, statusChangedAt: last.at, provider: last.provider } : null;
}

/**
 * One Verify dialog for a whole page. Every time it opens, and whenever the open link's live status
 * changes, it reads the employee's state from the server, so it never offers a finished session's link.
 * What it starts or reads, it tells the Employees list around it (the start's server action re-renders nothing);
 * on the employee's own page, which has no such list, it refreshes the page once the dialog has its answer.
 */
export function VerifyDialogProvider({ children }: { children: React.ReactNode }) {
  const t = useTranslations("verify");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [, startLoading] = useTransition();
  const [, startRefresh] = useTransition();
  const learn = useContext(LearnAttemptContext);
  const router = useRouter();

  const load = useCallback(async (employeeId: string) => {
    const result = await verifyDialogStateAction(null, formData({ employeeId }));
    setView(result.ok ? { kind: "state", state: result.data } : { kind: "unavailable", error: result.error });
    return result.ok ? result.data : null;
  }, []);

  const open = useCallback(
    (next: Target) => {
      setTarget(next);
      setFailure(null);
      setView({ kind: "loading" });
      dialogRef.current?.showModal();
      startLoading(async () => void (await load(next.id)));
    },
    [load],
  );

  // The actions re-render nothing (on the Employees list that would be the whole list): the employee's own page,
  // which shows the attempt and the invitation, refreshes itself; the list learns attempts from the dialog.
  const refreshEmployeePage = () => {
    if (!learn) startRefresh(() => router.refresh());
  };

  /** Runs a start (or start over) from the dialog's forms, which keep their choices after a failure. */
  const start: Start = async (action, data, how): Promise<ActionResult<StartedVerification>> => {
    const result = await action(null, data);
    if (result.ok) {
      const state = view.kind === "state" || view.kind === "started" ? view.state : null;
      setFailure(null);
      if (state) setView({ kind: "started", started: result.data, how: result.data.reused && how === "new" ? "reused" : how, state });
      else if (target) await load(target.id);
    } else {
      setFailure(result);
      // Whatever failed, show what is true now (e.g. the old link that still works, or "already verified").
      if (target) await load(target.id);
    }
    refreshEmployeePage();
    return result;
  };

  // What the dialog shows (a start's answer, or its fresh read, a failed start included), the list shows too: told
  // once the dialog has rendered it, so the link is on screen before the list re-renders.
  useEffect(() => {
    if (!learn || (view.kind !== "started" && view.kind !== "state")) return;
    const attempt = view.kind === "started" ? view.started : attemptOf(view.state);
    if (attempt) {
      const { reference, status, statusChangedAt, provider } = attempt;
      learn(view.state.employeeId, { reference, status, statusChangedAt, provider });
    }
  }, [learn, view]);

  // The reference whose live status (on the Employees list) would make this dialog stale.
  const watched = view.kind === "started" ? view.started.reference : view.kind === "state" ? (view.state.open?.reference ?? null) : null;
  const live = useLiveStatus(watched);
  // Whichever hears first that the shown link is no longer open (this dialog or the list's live status,
  // even before the dialog opened), the dialog reads the server's state again, once per change.
  const reloaded = useRef<string | null>(null);
  useEffect(() => {
    if (!watched || !live || live.status === "pending" || !target) return;
    const key = `${watched}:${live.status}`;
    if (reloaded.current === key) return;
    reloaded.current = key;
    startLoading(async () => void (await load(target.id)));
  }, [watched, live, target, load]);

  return (
    <OpenVerify.Provider value={open}>
      {children}
      <Dialog ref={dialogRef} title={t("title", { name: target?.name ?? "" })} onClose={() => setTarget(null)}>
        <FailureAlert failure={failure} className="mt-4" />
        {view.kind === "loading" && <p className="mt-4 text-sm text-slate-600">{t("loading")}</p>}
        {view.kind === "unavailable" && (
          <Alert tone="error" role="none" className="mt-4">
            {view.error}
          </Alert>
        )}
        {(view.kind === "state" || view.kind === "started") && target && !view.state.archived && (
          <InvitationPanel
            key={target.id}
            invitation={view.state.invitation}
            employeeId={target.id}
            reload={async () => (await load(target.id))?.invitation ?? null}
            onChanged={refreshEmployeePage}
          />
        )}
        {(view.kind === "state" || view.kind === "started") && target && (
          <DialogBody key={view.kind === "started" ? view.started.sessionId : "state"} view={view} employeeId={target.id} start={start} />
        )}
      </Dialog>
    </OpenVerify.Provider>
  );
}

/** The row's (or page's) Verify button: opens the page's one dialog for this employee. */
export function VerifyButton({ employeeId, employeeName }: { employeeId: string; employeeName: string }) {
  const t = useTranslations("verify");
  const open = useContext(OpenVerify);
  return (
    <Button variant="brand" onClick={() => open({ id: employeeId, name: employeeName })} aria-label={t("title", { name: employeeName })}>
      {t("button")}
    </Button>
  );
}
