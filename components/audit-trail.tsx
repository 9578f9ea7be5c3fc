import { useLocale, useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/session";
import { listAuditTrail, type AuditEntry } from "@/lib/db/audit";
import { auditText } from "@/lib/audit/text";
import type { Locale } from "@/lib/i18n/locales";
import { LocalTime } from "./local-time";
import { CardRow, Table, TableBody, TableHead, Td, Th } from "./ui/table";

/** The audit trail as a table, or as cards on a phone (each line labelled by its column). */
export function AuditTable({ entries, showEmployee }: { entries: AuditEntry[]; showEmployee: boolean }) {
  const t = useTranslations("audit");
  const text = auditText(useLocale() as Locale);
  if (entries.length === 0) return <p className="mt-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <Table className="mt-4" data-testid="audit-trail" cards>
      <TableHead cards>
        <Th pad="dense">{t("time")}</Th>
        <Th pad="dense">{t("event.label")}</Th>
        <Th pad="dense">{t("by")}</Th>
        {showEmployee && <Th pad="dense">{t("employee")}</Th>}
        <Th pad="dense">{t("details")}</Th>
      </TableHead>
      <TableBody cards>
        {entries.map((entry) => (
          <CardRow key={entry.id} data-action={entry.action}>
            <Td pad="dense" label="" className="tabular-nums text-slate-600 md:whitespace-nowrap">
              <LocalTime value={entry.at} format="dateTimeSeconds" />
            </Td>
            <Td pad="dense" label="" className="font-medium md:font-normal">
              {text.action(entry.action)}
            </Td>
            <Td pad="dense" label={t("by")} className="break-all text-slate-700 md:break-normal">
              {text.actor(entry)}
            </Td>
            {showEmployee && (
              <Td pad="dense" label={t("employee")} className="text-slate-700">
                {entry.employee ?? "—"}
              </Td>
            )}
            <Td pad="dense" label={entry.details.length > 0 ? t("details") : ""} className="break-words text-slate-600">
              {text.details(entry)}
            </Td>
          </CardRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The audit trail of one employee's verifications (who started, reused or replaced which session, every
 * status change and recorded return), newest first. Self-contained: mount it on the employee's page as
 * `<AuditTrail employeeId={employee.id} />`.
 */
export async function AuditTrail({ employeeId, limit = 200 }: { employeeId: string; limit?: number }) {
  await requireStaff();
  const [entries, t] = await Promise.all([listAuditTrail({ employeeId, limit }), getTranslations("audit")]);
  return (
    <section aria-labelledby="audit-trail-heading" className="mt-8">
      <h2 id="audit-trail-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <AuditTable entries={entries} showEmployee={false} />
    </section>
  );
}
