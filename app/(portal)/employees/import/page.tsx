import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/catalogue";
import { requireStaff } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { recentImportJobs } from "@/lib/db/imports";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/employees/import-csv";
import { BackToEmployees } from "@/components/back-to-employees";
import { ImportUploadForm } from "@/components/import-upload-form";
import { LocalTime } from "@/components/local-time";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

// The job statuses' labels (keys chosen at run time).
const JOB_STATUS_KEYS = { draft: "jobStatus.draft", running: "jobStatus.running", done: "jobStatus.done", cancelled: "jobStatus.cancelled" } as const;

export default async function ImportPage() {
  await requireStaff(CAN_VERIFY);
  const [t, locale, jobs] = await Promise.all([getTranslations("import"), getLocale(), recentImportJobs()]);
  return (
    <>
      <BackToEmployees />
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">{t("intro")}</p>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">{t("limits", { maxKb: MAX_IMPORT_BYTES / 1024, maxRows: MAX_IMPORT_ROWS })}</p>
      <NextIntlClientProvider messages={portalClientMessages(locale, ["import"])}>
        <ImportUploadForm />
      </NextIntlClientProvider>
      {jobs.length > 0 && (
        <section className="mt-8">
          <h2 className="text-lg font-semibold">{t("recent")}</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {jobs.map((job) => (
              <li key={job.id} className="flex flex-wrap gap-x-2">
                <Link href={`/employees/import/${job.id}`} className="underline">
                  {job.fileName}
                </Link>
                <span className="text-slate-600">
                  <LocalTime value={job.createdAt} /> · {t(JOB_STATUS_KEYS[job.status])}
                  {job.createdByLabel ? ` · ${job.createdByLabel}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
