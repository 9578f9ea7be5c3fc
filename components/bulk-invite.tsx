"use client";

import { useEffect, useState, useTransition, type FormEvent } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { bulkInviteAction, type BulkInviteBatch } from "@/app/(portal)/employees/actions";
import { BULK_INVITE_LIMIT, BULK_OUTCOMES, type BulkInviteResult, type BulkOutcome } from "@/lib/verification/bulk-outcomes";
import { Alert } from "./ui/alert";
import { SubmitButton } from "./ui/button";

// Bulk invite on the Employees list: the rows' checkboxes belong to this form through their `form` attribute
// (BULK_INVITE_FORM), so the list stays a server-rendered table. "All that match" is sent a batch at a time
// (the action answers the cursor of the next one) and the progress is shown between batches.

export const BULK_INVITE_FORM = "bulk-invite";
const SELECT_NAME = "select";
const METHODS = ["employee", "bankid", "veriff_local", "veriff_international"] as const;
const FAILURES = ["refused", "timeout", "rejected", "failed", "not_configured", "no_link", "closed"] as const;

type Filter = { q?: string; status?: string; readiness?: string };
type Progress = { done: number; total: number; results: BulkInviteResult[]; error: string | null; finished: boolean };

function countsOf(results: BulkInviteResult[]): Record<BulkOutcome, number> {
  const counts = Object.fromEntries(BULK_OUTCOMES.map((outcome) => [outcome, 0])) as Record<BulkOutcome, number>;
  for (const result of results) counts[result.outcome]++;
  return counts;
}

export function BulkInvite({ filter, total }: { filter: Filter; total: number }) {
  const t = useTranslations("bulkInvite");
  const tInvitations = useTranslations("invitations");
  const format = useFormatter();
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const [selected, setSelected] = useState(0);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);

  const ticked = (form: HTMLFormElement) => new FormData(form).getAll(SELECT_NAME).map(String);
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_INVITE_FORM}"][name="${SELECT_NAME}"]`)];

  // The rows' checkboxes sit outside the form in the DOM, so their change events do not bubble to it: count them here.
  useEffect(() => {
    const recount = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.form?.id === BULK_INVITE_FORM) setSelected(boxes().filter((box) => box.checked).length);
    };
    document.addEventListener("change", recount);
    return () => document.removeEventListener("change", recount);
  }, []);

  function selectPage(checked: boolean) {
    for (const box of boxes()) box.checked = checked;
    setSelected(checked ? boxes().length : 0);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const ids = ticked(form);
    const method = String(new FormData(form).get("method") ?? "employee");
    if (scope === "selected" && ids.length === 0) return setProblem(t("noneSelected"));
    if (scope === "selected" && ids.length > BULK_INVITE_LIMIT) return setProblem(t("tooMany", { max: BULK_INVITE_LIMIT }));
    setProblem(null);
    startTransition(async () => {
      let results: BulkInviteResult[] = [];
      let expected = scope === "selected" ? ids.length : total;
      let after: string | null = null;
      setProgress({ done: 0, total: expected, results, error: null, finished: false });
      // One batch for the ticked ones; for "all that match", batches until the server answers no next cursor.
      for (;;) {
        const data = new FormData();
        data.set("scope", scope);
        data.set("method", method);
        if (scope === "selected") data.set("employeeIds", ids.join(","));
        else {
          for (const [key, value] of Object.entries(filter)) if (value) data.set(key, value);
          if (after) data.set("after", after);
        }
        const answer = await bulkInviteAction(null, data);
        if (!answer.ok) {
          setProgress({ done: results.length, total: expected, results, error: answer.error, finished: true });
          return;
        }
        const batch: BulkInviteBatch = answer.data;
        results = [...results, ...batch.results];
        expected = Math.max(batch.total, results.length);
        after = batch.next;
        setProgress({ done: results.length, total: expected, results, error: null, finished: !after });
        if (!after) return;
      }
    });
  }

  const counts = progress ? countsOf(progress.results) : null;
  return (
    <section aria-labelledby="bulk-invite-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="bulk-invite-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <form id={BULK_INVITE_FORM} onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-4 text-sm">
        <fieldset className="flex flex-col gap-1">
          <legend className="font-medium">{t("scopeLabel")}</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="selected" checked={scope === "selected"} onChange={() => setScope("selected")} />
            {t("scopeSelected", { count: selected })}
          </label>
          <label className="ml-6 flex items-center gap-2 text-slate-600">
            <input type="checkbox" onChange={(event) => selectPage(event.currentTarget.checked)} />
            {t("selectPage")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="filter" checked={scope === "filter"} onChange={() => setScope("filter")} />
            {t("scopeFilter", { total: format.number(total) })}
          </label>
        </fieldset>
        <div className="flex flex-col">
          <label htmlFor="bulk-invite-method" className="font-medium">
            {t("methodLabel")}
          </label>
          <select
            id="bulk-invite-method"
            name="method"
            defaultValue="employee"
            className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1"
          >
            {METHODS.map((method) => (
              <option key={method} value={method}>
                {method === "employee" ? tInvitations("employeeChooses") : tInvitations(`method.${method}`)}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pending={pending} pendingLabel={t("working", { done: progress?.done ?? 0, total: progress?.total ?? 0 })}>
          {t("submit")}
        </SubmitButton>
      </form>
      <p className="mt-2 text-xs text-slate-500">{t("repeatNote")}</p>
      {problem && (
        <Alert tone="error" className="mt-3">
          {problem}
        </Alert>
      )}
      {/* The result is announced: the summary and the list per employee. */}
      <div role="status" aria-live="polite" className="mt-3 space-y-2 text-sm">
        {progress && (
          <>
            <p className="font-medium">
              {progress.error
                ? t("stopped", { done: progress.done, total: progress.total, error: progress.error })
                : progress.finished
                  ? t("done", { done: progress.done, total: progress.total })
                  : t("working", { done: progress.done, total: progress.total })}
            </p>
            {progress.total > 0 && <progress className="w-full max-w-md" max={progress.total} value={progress.done} />}
            {counts && (
              <p>
                {BULK_OUTCOMES.filter((outcome) => counts[outcome] > 0)
                  .map((outcome) => t(`counts.${outcome}`, { count: counts[outcome] }))
                  .join(" · ")}
              </p>
            )}
            {progress.results.length > 0 && (
              <ul aria-label={t("resultsLabel")} className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
                {progress.results.map((result) => (
                  <li key={result.employeeId} data-outcome={result.outcome} className="flex flex-wrap justify-between gap-x-4 px-3 py-1.5">
                    <span className="font-medium break-all">{result.name || "—"}</span>
                    <span className={result.outcome === "failed" ? "text-red-800" : "text-slate-700"}>{outcomeText(result)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );

  function outcomeText(result: BulkInviteResult): string {
    if (result.outcome === "sent") return result.reused ? t("outcome.sentReused") : t("outcome.sent");
    if (result.outcome === "failed") {
      const failure = FAILURES.find((known) => known === result.failure) ?? "failed";
      return t("outcome.failed", { reason: tInvitations(`failure.${failure}`) });
    }
    return t(`outcome.${result.outcome}`);
  }
}

/** A row's checkbox, named by the employee (for screen readers: "Select Ola Nordmann"). */
export function BulkSelect({ employeeId, name }: { employeeId: string; name: string }) {
  const t = useTranslations("bulkInvite");
  return (
    <input
      type="checkbox"
      name={SELECT_NAME}
      value={employeeId}
      form={BULK_INVITE_FORM}
      aria-label={t("select", { name })}
      className="size-5 md:size-4"
    />
  );
}
