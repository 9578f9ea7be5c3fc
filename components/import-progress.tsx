"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { advanceImportAction, cancelImportAction, startImportAction, type ImportProgress } from "@/app/(portal)/employees/import/actions";
import { Alert, FailureAlert } from "./ui/alert";
import { SubmitButton } from "./ui/button";

/** The dry run's Start and Discard. */
export function ImportStartForm({ jobId, canStart }: { jobId: string; canStart: boolean }) {
  const t = useTranslations("import");
  const [started, start, starting] = useActionState(startImportAction, null);
  const [cancelled, cancel, cancelling] = useActionState(cancelImportAction, null);
  return (
    <div className="space-y-2">
      <FailureAlert failure={started && !started.ok ? started : cancelled && !cancelled.ok ? cancelled : null} />
      <div className="flex flex-wrap gap-2">
        {canStart && (
          <form action={start}>
            <input type="hidden" name="jobId" value={jobId} />
            <SubmitButton pending={starting} pendingLabel={t("starting")}>
              {t("start")}
            </SubmitButton>
          </form>
        )}
        <form action={cancel}>
          <input type="hidden" name="jobId" value={jobId} />
          <SubmitButton variant="secondary" pending={cancelling} pendingLabel={t("discarding")}>
            {t("discard")}
          </SubmitButton>
        </form>
      </div>
    </div>
  );
}

const POLL_MS = 2000;

/**
 * A running import's progress. While the page is open it asks the server to work a small slice every few
 * seconds (within the shared per-minute budget); closing it loses nothing, the sweep carries on.
 */
export function ImportProgressView({ jobId, initial }: { jobId: string; initial: ImportProgress }) {
  const t = useTranslations("import");
  const format = useFormatter();
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const done = useRef(0);

  useEffect(() => {
    if (progress.status !== "running") return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const form = new FormData();
      form.set("jobId", jobId);
      const result = await advanceImportAction(null, form).catch(() => null);
      if (stopped) return;
      if (result?.ok) {
        setFailure(null);
        setProgress(result.data);
        const finished = result.data.counts.total - result.data.counts.pending - result.data.counts.in_progress;
        // The table below is server-rendered: refresh it when rows finish.
        if (finished !== done.current) {
          done.current = finished;
          router.refresh();
        }
        if (result.data.status !== "running") return;
      } else {
        setFailure(result ? result.error : t("pollFailed"));
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, 200);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, progress.status, router, t]);

  const { counts } = progress;
  const toDo = counts.total - counts.invalid;
  const finished = toDo - counts.pending - counts.in_progress;
  return (
    <section className="mt-4 space-y-2" aria-labelledby="import-progress">
      <h2 id="import-progress" className="text-lg font-semibold">
        {progress.status === "running" ? t("running") : t("finished")}
      </h2>
      <progress className="w-full" max={Math.max(toDo, 1)} value={finished} aria-labelledby="import-progress" />
      <p className="text-sm" role="status" data-testid="import-counts">
        {t("progress", {
          finished: format.number(finished),
          total: format.number(toDo),
          added: counts.added + counts.linked,
          already: counts.already_linked,
          failed: counts.failed,
          invalid: counts.invalid,
        })}
      </p>
      {progress.status === "running" && <p className="text-xs text-slate-600">{t("background")}</p>}
      {failure && <Alert tone="warning">{failure}</Alert>}
    </section>
  );
}
