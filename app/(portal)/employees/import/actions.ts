"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { staffAction } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { cancelImportJob, findImportJob, importCounts, startImportJob, type ImportCounts, type ImportJobStatus } from "@/lib/db/imports";
import { createImportFromFile, processImportSlice } from "@/lib/employees/import";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/employees/import-csv";

const jobSchema = z.object({ jobId: z.string().min(1).max(64) });

/** Upload: reads the file and stores the dry run (nothing is sent to EasyFreelance), then shows it. */
export const uploadImportAction = staffAction(
  { roles: CAN_VERIFY, schema: z.object({ file: z.instanceof(File).optional() }) },
  async ({ file }, staff) => {
    const t = await getTranslations("import");
    const limits = { maxKb: MAX_IMPORT_BYTES / 1024, maxRows: MAX_IMPORT_ROWS };
    if (!file || file.size === 0) return { ok: false, error: t("fileError.empty"), fieldErrors: { file: [t("fileError.empty")] } };
    // Refused before it is read into memory.
    if (file.size > MAX_IMPORT_BYTES)
      return { ok: false, error: t("fileError.tooLarge", limits), fieldErrors: { file: [t("fileError.tooLarge", limits)] } };
    const result = await createImportFromFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, staff);
    if (!result.ok) {
      const message = t(`fileError.${result.code}`, { ...limits, line: result.line ?? 0 });
      return { ok: false, error: message, fieldErrors: { file: [message] } };
    }
    redirect(`/employees/import/${result.jobId}`);
  },
);

/** Start: the dry run's good rows are queued; the page and the sweep work through them. */
export const startImportAction = staffAction({ roles: CAN_VERIFY, schema: jobSchema }, async ({ jobId }, staff) => {
  if (!(await startImportJob(jobId, staff))) {
    const job = await findImportJob(jobId);
    if (!job) return { ok: false, error: (await getTranslations("import"))("jobGone") };
  }
  redirect(`/employees/import/${jobId}`);
});

/** Discard a dry run that will not be imported. */
export const cancelImportAction = staffAction({ roles: CAN_VERIFY, schema: jobSchema }, async ({ jobId }) => {
  if (!(await cancelImportJob(jobId)) && !(await findImportJob(jobId))) return { ok: false, error: (await getTranslations("import"))("jobGone") };
  redirect("/employees/import");
});

export type ImportProgress = { status: ImportJobStatus; counts: ImportCounts };

/** The open page's poll: a small slice of the job's rows (within the per-minute budget), then its progress. */
export const advanceImportAction = staffAction({ roles: CAN_VERIFY, schema: jobSchema }, async ({ jobId }) => {
  const job = await findImportJob(jobId);
  if (!job) return { ok: false, error: (await getTranslations("import"))("jobGone") };
  if (job.status === "running") {
    const report = await processImportSlice({ jobId, budgetMs: 4000 });
    if (report.finishedJobs.length) revalidatePath("/employees");
  }
  const [current, counts] = await Promise.all([findImportJob(jobId), importCounts(jobId)]);
  return { ok: true, data: { status: current?.status ?? job.status, counts } satisfies ImportProgress };
});
