import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireStaff, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY, CAN_VERIFY } from "@/lib/auth/roles";
import { searchEmployees, type ListedEmployee } from "@/lib/db/employees";
import { VerifyButton, VerifyDialogProvider } from "@/components/verify-dialog";
import { employeeName } from "@/lib/employees/name";
import { LiveChangedAt, LiveStatuses, LiveVerification } from "@/components/live-statuses";
import { VerificationStatus } from "@/lib/generated/prisma/enums";
import { Alert } from "@/components/ui/alert";
import { buttonClass, Button } from "@/components/ui/button";
import { CardRow, Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { readinessByEmployee } from "@/lib/employees/readiness";
import { ReadinessCell, ReadinessColumnTitle, ReadinessFilter } from "@/components/readiness-cell";
import { ReadinessExportButton } from "@/components/readiness-export-button";
import { BulkInvite, BulkSelect } from "@/components/bulk-invite";
import { listHref, parseListParams } from "./list-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("employees"))("title") };
}

// Attempt filters: every status but "approved", which the verification fact answers ("Verified").
const ATTEMPT_FILTERS = Object.values(VerificationStatus).filter((status) => status !== VerificationStatus.approved);

/** The attempt shown beside the fact: the open one (whose link works) or else the newest. */
function attemptOf(employee: ListedEmployee) {
  const session = employee.openSession ?? employee.latestSession;
  if (!session) return null;
  return {
    reference: session.reference,
    status: session.status,
    statusChangedAt: session.statusChangedAt.toISOString(),
    provider: session.provider,
    verifiedBy: session.id === employee.verifiedSessionId,
  };
}

export default async function EmployeesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff();
  const [t, tStatus, tReadiness, format, tImport] = await Promise.all([
    getTranslations("employees"),
    getTranslations("status"),
    getTranslations("readiness"),
    getFormatter(),
    getTranslations("import"),
  ]);
  const { denied, ...params } = parseListParams(await searchParams);
  const list = await searchEmployees(params);
  const { employees } = list;
  const canVerify = hasRole(staff, CAN_VERIFY);
  const readiness = await readinessByEmployee(employees.map((employee) => employee.id));
  const rows = employees.map((employee) => ({ employee, name: employeeName(employee), attempt: attemptOf(employee) }));
  const attempts = Object.fromEntries(rows.map(({ employee, attempt }) => [employee.id, attempt]));

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          {/* A POST from this page (exports are audited: another site must not be able to trigger one). */}
          <form method="post" action={listHref(params, 1, "/employees/export")}>
            <button type="submit" className={buttonClass({ className: "font-medium" })}>
              {t("downloadCsv")}
            </button>
          </form>
          {hasRole(staff, ADMIN_ONLY) && <ReadinessExportButton />}
          {canVerify && (
            <Link href="/employees/import" className={buttonClass()}>
              {tImport("link")}
            </Link>
          )}
          {canVerify && (
            <Link href="/employees/new" className={buttonClass({ variant: "brand" })}>
              {t("add")}
            </Link>
          )}
        </div>
      </div>
      {denied && (
        <Alert tone="warning" role="alert" className="mt-4">
          {t("denied")}
        </Alert>
      )}
      <form role="search" action="/employees" className="mt-6 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm text-slate-700">
          {t("search")}
          <input
            type="search"
            name="q"
            defaultValue={params.q ?? ""}
            maxLength={100}
            placeholder={t("searchPlaceholder")}
            className="mt-1 w-full max-w-72 rounded-md border border-slate-300 px-3 py-1.5 sm:w-72"
          />
        </label>
        <label className="flex flex-col text-sm text-slate-700">
          {t("status")}
          <select name="status" defaultValue={params.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">{t("any")}</option>
            <option value="approved">{tStatus("approved")}</option>
            <option value="none">{tStatus("none")}</option>
            <optgroup label={t("latestAttempt")}>
              {ATTEMPT_FILTERS.map((status) => (
                <option key={status} value={status}>
                  {tStatus(status)}
                </option>
              ))}
            </optgroup>
            <option value="archived">{t("archived")}</option>
          </select>
        </label>
        <ReadinessFilter value={params.readiness} />
        <Button type="submit" variant="dark">
          {t("searchButton")}
        </Button>
        <p className="text-sm text-slate-600" aria-live="polite">
          {t("count", { count: list.total, total: format.number(list.total) })}
        </p>
      </form>
      {canVerify && list.total > 0 && <BulkInvite filter={{ q: params.q, status: params.status, readiness: params.readiness }} total={list.total} />}
      {employees.length === 0 ? (
        <p className="mt-6 text-slate-600">{params.q || params.status || params.readiness ? t("noMatch") : t("none")}</p>
      ) : (
        // LiveStatuses outside the dialog's provider: the Verify dialog hears the list's live statuses, and tells the
        // list what it started (its server action re-renders nothing, so this list's search is not run again).
        <LiveStatuses attempts={attempts}>
          <VerifyDialogProvider>
            {/* Rows become cards on a phone: every cell labelled, the Verify button in reach. */}
            <Table className="mt-6" cards>
              <TableHead cards>
                <Th>{t("name")}</Th>
                <Th>{t("email")}</Th>
                <Th>{t("efId")}</Th>
                <Th>{t("verification")}</Th>
                <Th>{t("changed")}</Th>
                <Th>
                  <ReadinessColumnTitle />
                </Th>
                {canVerify && (
                  <Th>
                    <span className="sr-only">{t("actions")}</span>
                  </Th>
                )}
              </TableHead>
              <TableBody cards>
                {rows.map(({ employee, name }) => (
                  <CardRow key={employee.id} data-testid={`employee-${employee.efUserId}`}>
                    <Td label="" className="text-base font-medium md:text-sm">
                      {/* The bulk invite checkbox beside the name: on a phone's card it stays on the name's line. */}
                      <span className="flex items-center gap-3">
                        {canVerify && <BulkSelect employeeId={employee.id} name={name} />}
                        <Link
                          href={`/employees/${employee.id}`}
                          className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900"
                        >
                          {name}
                        </Link>
                      </span>
                    </Td>
                    <Td label={t("email")} className="break-all text-slate-700 md:break-normal">
                      {employee.email}
                    </Td>
                    <Td label={t("efId")} className="tabular-nums text-slate-700">
                      {employee.efUserId}
                    </Td>
                    <Td label={t("verification")}>
                      <LiveVerification
                        employeeId={employee.id}
                        verified={
                          employee.verifiedAt
                            ? {
                                at: employee.verifiedAt.toISOString(),
                                provider: employee.verifiedProvider,
                                onReplacedLink: employee.verifiedOnReplacedLink,
                              }
                            : null
                        }
                      />
                    </Td>
                    <Td label={t("changed")} className="text-slate-600">
                      <LiveChangedAt employeeId={employee.id} />
                    </Td>
                    <Td label={tReadiness("column")}>
                      <ReadinessCell readiness={readiness.get(employee.id)} />
                    </Td>
                    {canVerify && (
                      <Td label="" className="pt-2 md:text-right">
                        {!employee.archivedAt && <VerifyButton employeeId={employee.id} employeeName={name} />}
                      </Td>
                    )}
                  </CardRow>
                ))}
              </TableBody>
            </Table>
          </VerifyDialogProvider>
        </LiveStatuses>
      )}
      {list.pages > 1 && (
        <nav aria-label={t("pages")} className="mt-4 flex flex-wrap items-center gap-4 text-sm">
          {list.page > 1 ? (
            <Link href={listHref(params, list.page - 1)} rel="prev">
              {t("previous")}
            </Link>
          ) : (
            <span className="text-slate-500">{t("previous")}</span>
          )}
          <span>{t("page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link href={listHref(params, list.page + 1)} rel="next">
              {t("next")}
            </Link>
          ) : (
            <span className="text-slate-500">{t("next")}</span>
          )}
        </nav>
      )}
    </>
  );
}
