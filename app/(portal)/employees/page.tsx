import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff, hasRole, CAN_VERIFY } from "@/lib/auth/session";
import { searchEmployees, type ListedEmployee } from "@/lib/db/employees";
import { VerifyButton, VerifyDialogProvider } from "@/components/verify-dialog";
import { employeeName } from "@/lib/employees/name";
import { LiveChangedAt, LiveStatuses, LiveVerification } from "@/components/live-statuses";
import { STATUS_LABELS, type VerificationStatus } from "@/lib/verification/status";
import { listHref, parseListParams } from "./list-params";

export const metadata: Metadata = { title: "Employees" };

// Attempt filters: every status but "approved", which the verification fact answers ("Verified").
const ATTEMPT_FILTERS = (Object.keys(STATUS_LABELS) as VerificationStatus[]).filter((status) => status !== "approved");

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
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Employees</h1>
        <div className="flex flex-wrap gap-2">
          <a href={listHref(params, 1, "/employees/export")} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium" download>
            Download CSV
          </a>
          {canVerify && (
            <Link href="/employees/new" className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark">
              Add employee
            </Link>
          )}
        </div>
      </div>
      {denied && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your role does not give access to that page.
        </p>
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
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </optgroup>
            <option value="archived">Archived</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white">
          Search
        </button>
        <p className="text-sm text-slate-600" aria-live="polite">
          {list.total === 1 ? "1 employee" : `${list.total.toLocaleString("en-GB")} employees`}
        </p>
      </form>
      {employees.length === 0 ? (
        <p className="mt-6 text-slate-600">{params.q || params.status ? "No employees match." : "No employees yet."}</p>
      ) : (
        // The dialog sits inside the live statuses, so a status change of its link reaches it.
        <LiveStatuses initial={liveInitial}>
        <VerifyDialogProvider>
        <div className="relative mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Email</th>
                <th scope="col" className="px-4 py-3 font-medium">EasyFreelance ID</th>
                <th scope="col" className="px-4 py-3 font-medium">Verification</th>
                <th scope="col" className="px-4 py-3 font-medium">Changed</th>
                {canVerify && <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map(({ employee, name, attempt }) => (
                <tr key={employee.id} data-testid={`employee-${employee.efUserId}`}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/employees/${employee.id}`} className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
                      {name}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{employee.email}</td>
                  <td className="px-4 py-3 tabular-nums text-slate-700">{employee.efUserId}</td>
                  <td className="px-4 py-3">
                    <LiveVerification
                      verified={
                        employee.verifiedAt
                          ? { at: employee.verifiedAt.toISOString(), provider: employee.verifiedProvider, onReplacedLink: employee.verifiedOnReplacedLink }
                          : null
                      }
                      attempt={attempt}
                    />
                  </td>
                  <td className="px-4 py-3 text-slate-600">{attempt ? <LiveChangedAt reference={attempt.reference} value={attempt.statusChangedAt} /> : "—"}</td>
                  {canVerify && (
                    <td className="px-4 py-3 text-right">
                      {!employee.archivedAt && <VerifyButton employeeId={employee.id} employeeName={name} />}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </VerifyDialogProvider>
        </LiveStatuses>
      )}
      {list.pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
          {list.page > 1 ? <Link href={listHref(params, list.page - 1)} rel="prev">Previous</Link> : <span className="text-slate-400">Previous</span>}
          <span>
            Page {list.page} of {list.pages}
          </span>
          {list.page < list.pages ? <Link href={listHref(params, list.page + 1)} rel="next">Next</Link> : <span className="text-slate-400">Next</span>}
        </nav>
      )}
    </>
  );
}
