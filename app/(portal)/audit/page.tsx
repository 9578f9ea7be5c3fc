import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listAuditTrail } from "@/lib/db/audit";
import { AuditTable } from "@/components/audit-trail";
import { buttonClass } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const SHOWN = 500;

export default async function AuditPage() {
  await requireStaff(ADMIN_ONLY);
  const [entries, t] = await Promise.all([listAuditTrail({ limit: SHOWN }), getTranslations("audit")]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {/* A POST from this page (the export is audited: another site must not be able to trigger it); the
            answer is a file download, so the page stays. */}
        <form method="post" action="/audit/export">
          <button type="submit" className={buttonClass()}>
            {t("downloadCsv")}
          </button>
        </form>
      </div>
      <p className="mt-1 text-sm text-slate-600">{t("intro", { shown: SHOWN })}</p>
      <AuditTable entries={entries} showEmployee />
    </>
  );
}
