import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/catalogue";
import { requireStaff } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { findImportJob, importCounts, importRows, importRowsAlreadyInPortal } from "@/lib/db/imports";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { CardRow, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { ImportProgressView, ImportStartForm } from "@/components/import-progress";
import { rowErrorsText } from "../row-errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

// Each row status's label (keys chosen at run time); a pending row of a draft is what the dry run expects.
const ROW_STATUS_KEYS = {
  invalid: "rowStatus.invalid",
  pending: "rowStatus.pending",
  in_progress: "rowStatus.in_progress",
  added: "rowStatus.added",
  linked: "rowStatus.linked",
  already_linked: "rowStatus.already_linked",
  failed: "rowStatus.failed",
} as const;

export default async function ImportJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requireStaff(CAN_VERIFY);
  const { jobId } = await params;
  const job = await findImportJob(jobId);
  if (!job) notFound();
  const [t, locale, rows, counts, inPortal] = await Promise.all([
    getTranslations("import"),
    getLocale(),
    importRows(jobId),
    importCounts(jobId),
    importRowsAlreadyInPortal(jobId),
  ]);
  const translate = t as unknown as Parameters<typeof rowErrorsText>[1];
  const toSend = counts.pending - (job.status === "draft" ? inPortal.size : 0);

  return (
    <>
      <p className="text-sm">
        <Link href="/employees/import" className="text-slate-600 underline hover:text-slate-950">
          ← {t("title")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold break-words">{job.fileName}</h1>
      <NextIntlClientProvider messages={portalClientMessages(locale, ["import"])}>
        {job.status === "draft" ? (
          <section className="mt-4 space-y-3" aria-labelledby="dry-run">
            <h2 id="dry-run" className="text-lg font-semibold">
              {t("dryRun")}
            </h2>
            <p className="text-sm" data-testid="dry-run-summary">
              {t("dryRunSummary", { total: counts.total, ready: toSend, already: inPortal.size, invalid: counts.invalid })}
            </p>
            {counts.invalid > 0 && <Alert tone="warning">{t("invalidNotImported", { invalid: counts.invalid })}</Alert>}
            <ImportStartForm jobId={job.id} canStart={counts.pending > 0} />
          </section>
        ) : job.status === "cancelled" ? (
          <Alert tone="neutral" className="mt-4">
            {t("cancelled")}
          </Alert>
        ) : (
          <ImportProgressView jobId={job.id} initial={{ status: job.status, counts }} />
        )}
      </NextIntlClientProvider>
      <div className="mt-4">
        <a href={`/employees/import/${job.id}/report`} className={buttonClass()} download>
          {t("downloadReport")}
        </a>
      </div>

      <Table cards className="mt-4">
        <TableHead cards>
          <Th>{t("column.row")}</Th>
          <Th>{t("column.email")}</Th>
          <Th>{t("column.name")}</Th>
          <Th>{t("column.internalId")}</Th>
          <Th>{t("column.result")}</Th>
          <Th>{t("column.errors")}</Th>
        </TableHead>
        <TableBody cards>
          {rows.map((row) => (
            <CardRow key={row.id} data-testid={`import-row-${row.rowNumber}`}>
              <Td label={t("column.row")}>{row.rowNumber}</Td>
              <Td label={t("column.email")} className="break-all">
                {row.email}
              </Td>
              <Td label={t("column.name")}>{`${row.firstName} ${row.lastName}`.trim()}</Td>
              <Td label={t("column.internalId")}>{row.internalId}</Td>
              <Td label={t("column.result")}>
                {row.employeeId && ["added", "linked", "already_linked"].includes(row.status) ? (
                  <Link href={`/employees/${row.employeeId}`} className="underline">
                    {t(ROW_STATUS_KEYS[row.status])}
                  </Link>
                ) : job.status === "draft" && row.status === "pending" ? (
                  inPortal.has(row.id) ? (
                    t("rowStatus.willSkip")
                  ) : (
                    t("rowStatus.ready")
                  )
                ) : (
                  t(ROW_STATUS_KEYS[row.status])
                )}
              </Td>
              <Td label={t("column.errors")} className={row.status === "invalid" || row.status === "failed" ? "text-red-800" : "text-slate-600"}>
                {rowErrorsText(row.errors, translate)}
              </Td>
            </CardRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
