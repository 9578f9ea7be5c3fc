import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff, hasRole } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { searchEmployees, type ListedEmployee } from "@/lib/db/employees";
import { VerifyButton, VerifyDialogProvider } from "@/components/verify-dialog";
import { employeeName } from "@/lib/employees/name";
import { LiveChangedAt, LiveStatuses, LiveVerification } from "@/components/live-statuses";
import { STATUS } from "@/lib/verification/status";
import { VerificationStatus } from "@/lib/generated/prisma/enums";
import { Alert } from "@/components/ui/alert";
import { buttonClass, Button } from "@/components/ui/button";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { listHref, parseListParams } from "./list-params";

export const metadata: Metadata = { title: "Employees" };

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
  const { denied, ...params } = parseListParams(await searchParams);
  const list = await searchEmployees(params);
  const { employees } = list;
  const canVerify = hasRole(staff, CAN_VERIFY);
  const rows = employees.map((employee) => ({ employee, name: employeeName(employee), attempt: attemptOf(employee) }));
  const liveInitial = Object.fromEntries(
    rows.flatMap(({ attempt }) => (attempt ? [[attempt.reference, { status: attempt.status, statusChangedAt: attempt.statusChangedAt }]] : [])),
  );

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Employees</h1>
        <div className="flex flex-wrap gap-2">
          {/* A POST from this page (exports are audited: another site must not be able to trigger one). */}
          <form method="post" action={listHref(params, 1, "/employees/export")}>
            <button type="submit" className={buttonClass({ className: "font-medium" })}>
              Download CSV
            </button>
          </form>
          {canVerify && (
            <Link href="/employees/new" className={buttonClass({ variant: "brand" })}>
              Add employee
            </Link>
          )}
        </div>
      </div>
      {denied && (
        <Alert tone="warning" role="alert" className="mt-4">
          Your role does not give access to that page.
        </Alert>
      )}
      <form role="search" action="/employees" className="mt-6 flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm text-slate-700">
          Search
          <input
            type="search"
            name="q"
            defaultValue={params.q ?? ""}
            maxLength={100}
            placeholder="Name, email or id"
            className="mt-1 w-full max-w-72 rounded-md border border-slate-300 px-3 py-1.5 sm:w-72"
          />
        </label>
        <label className="flex flex-col text-sm text-slate-700">
          Status
          <select name="status" defaultValue={params.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Any</option>
            <option value="approved">Verified</option>
            <option value="none">Not verified</option>
            <optgroup label="Latest attempt">
              {ATTEMPT_FILTERS.map((status) => (
                <option key={status} value={status}>
                  {STATUS[status].label}
                </option>
              ))}
            </optgroup>
            <option value="archived">Archived</option>
          </select>
        </label>
        <Button type="submit" variant="dark">
          Search
        </Button>
        <p className="text-sm text-slate-600" aria-live="polite">
          {list.total === 1 ? "1 employee" : `${list.total.toLocaleString("en-GB")} employees`}
        </p>
      </form>
      {employees.length === 0 ? (
        <p className="mt-6 text-slate-600">{params.q || params.status ? "No employees match." : "No employees yet."}</p>
      ) : (
        // LiveStatuses outside the dialog's provider: the Verify dialog hears the list's live statuses too.
        <LiveStatuses initial={liveInitial}>
          <VerifyDialogProvider>
            <Table className="mt-6">
              <TableHead>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>EasyFreelance ID</Th>
                <Th>Verification</Th>
                <Th>Changed</Th>
                {canVerify && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </TableHead>
              <TableBody>
                {rows.map(({ employee, name, attempt }) => (
                  <tr key={employee.id} data-testid={`employee-${employee.efUserId}`}>
                    <Td className="font-medium">
                      <Link
                        href={`/employees/${employee.id}`}
                        className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900"
                      >
                        {name}
                      </Link>
                    </Td>
                    <Td className="text-slate-700">{employee.email}</Td>
                    <Td className="tabular-nums text-slate-700">{employee.efUserId}</Td>
                    <Td>
                      <LiveVerification
                        verified={
                          employee.verifiedAt
                            ? {
                                at: employee.verifiedAt.toISOString(),
                                provider: employee.verifiedProvider,
                                onReplacedLink: employee.verifiedOnReplacedLink,
                              }
                            : null
                        }
                        attempt={attempt}
                      />
                    </Td>
                    <Td className="text-slate-600">
                      {attempt ? <LiveChangedAt reference={attempt.reference} value={attempt.statusChangedAt} /> : "—"}
                    </Td>
                    {canVerify && (
                      <Td className="text-right">{!employee.archivedAt && <VerifyButton employeeId={employee.id} employeeName={name} />}</Td>
                    )}
                  </tr>
                ))}
              </TableBody>
            </Table>
          </VerifyDialogProvider>
        </LiveStatuses>
      )}
      {list.pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {list.page > 1 ? (
            <Link href={listHref(params, list.page - 1)} rel="prev">
              Previous
            </Link>
          ) : (
            <span className="text-slate-400">Previous</span>
          )}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages ? (
            <Link href={listHref(params, list.page + 1)} rel="next">
              Next
            </Link>
          ) : (
            <span className="text-slate-400">Next</span>
          )}
        </nav>
      )}
    </>
  );
}
