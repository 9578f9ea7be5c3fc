import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/session";
import { findSessionEventsPage } from "@/lib/db/sessions";
import { EVENTS_PAGE_SIZE } from "@/lib/verification/events";
import { employeeName } from "@/lib/employees/name";
import { EventsTable, SessionHeading, UnrecordedReturns } from "../../history";

export const metadata: Metadata = { title: "Verification events" };

// Every event of one attempt, a page at a time: the employee page shows only the first few of each.
export default async function SessionEventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; sessionId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  await requireStaff();
  const [{ id, sessionId }, query] = await Promise.all([params, searchParams]);
  const page = /^\d{1,6}$/.test(query.page ?? "") ? Math.max(1, Number(query.page)) : 1;
  const found = await findSessionEventsPage(id, sessionId, page, EVENTS_PAGE_SIZE);
  if (!found) notFound();
  const t = await getTranslations("history");
  const pages = Math.max(1, Math.ceil(found.total / EVENTS_PAGE_SIZE));
  const base = `/employees/${id}/sessions/${sessionId}`;
  return (
    <>
      <p className="text-sm">
        <Link href={`/employees/${id}`} className="text-slate-600 underline hover:text-slate-950">
          ← {employeeName(found.session.employee)}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t("eventsHeading")}</h1>
      <div className="mt-3">
        <SessionHeading session={found.session} />
      </div>
      <EventsTable events={found.events} />
      {page === pages && found.unrecordedReturns > 0 && <UnrecordedReturns count={found.unrecordedReturns} />}
      <nav className="mt-4 flex flex-wrap items-center gap-4 text-sm" aria-label={t("pages")}>
        {page > 1 && (
          <Link href={`${base}?page=${page - 1}`} className="underline" rel="prev">
            {t("previous")}
          </Link>
        )}
        <span data-testid="events-page">{t("pageOf", { page: Math.min(page, pages), pages })}</span>
        {page < pages && (
          <Link href={`${base}?page=${page + 1}`} className="underline" rel="next">
            {t("next")}
          </Link>
        )}
      </nav>
    </>
  );
}
