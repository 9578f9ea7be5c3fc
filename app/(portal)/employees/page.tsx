import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff, hasRole, CAN_VERIFY } from "@/lib/auth/session";
import { searchEmployees } from "@/lib/db/employees";
import { StatusBadge } from "@/components/status-badge";
import { VerifyButton } from "@/components/verify-button";
import { employeeName } from "@/lib/employees/name";
import { LiveChangedAt, LiveStatusBadge, LiveStatuses } from "@/components/live-statuses";
import { STATUS_LABELS, type VerificationStatus } from "@/lib/verification/status";

export const metadata: Metadata = { title: "Employees" };

type ListParams = { q?: string; status?: string; page?: string };

const STATUS_FILTERS = Object.keys(STATUS_LABELS) as VerificationStatus[];

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The list's URL for another page, keeping the search and filter. */
function listHref(params: ListParams, page: number): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status) query.set("status", params.status);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/employees?${text}` : "/employees";
}

export default async function EmployeesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff();
  const raw = await searchParams;
  const denied = one(raw.denied);
  // Unknown filters and page numbers are ignored rather than failing the page.
  const params: ListParams = {
    q: one(raw.q)?.trim().slice(0, 100) || undefined,
    status: [...STATUS_FILTERS, "none"].includes(one(raw.status) ?? "") ? one(raw.status) : undefined,
  };
  const requestedPage = Number.parseInt(one(raw.page) ?? "1", 10);
  const list = await searchEmployees({
    q: params.q,
    status: params.status as VerificationStatus | "none" | undefined,
    page: Number.isFinite(requestedPage) ? requestedPage : 1,
  });
  const { employees } = list;
  const canVerify = hasRole(staff, CAN_VERIFY);
  const liveInitial = Object.fromEntries(
    employees.flatMap(({ latestSession }) =>
      latestSession ? [[latestSession.reference, { status: latestSession.status, statusChangedAt: latestSession.statusChangedAt.toISOString() }]] : [],
    ),
  );

  return (
    <>
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Employees</h1>
        {canVerify && (
          <Link href="/employees/new" className="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark">
            Add employee
          </Link>
        )}
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
            className="mt-1 w-72 rounded-md border border-slate-300 px-3 py-1.5"
          />
        </label>
        <label className="flex flex-col text-sm text-slate-700">
          Status
          <select name="status" defaultValue={params.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Any</option>
            <option value="none">Not verified</option>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
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
        <LiveStatuses initial={liveInitial}>
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
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
              {employees.map((employee) => {
                const name = employeeName(employee);
                return (
                  <tr key={employee.id} data-testid={`employee-${employee.efUserId}`}>
                    <td className="px-4 py-3 font-medium">
                      <Link href={`/employees/${employee.id}`} className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-900">
                        {name}
                      </Link>
                    </td>
                    <td className="px-4 py-3 text-slate-700">{employee.email}</td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">{employee.efUserId}</td>
                    <td className="px-4 py-3">
                      {employee.latestSession ? (
                        <LiveStatusBadge reference={employee.latestSession.reference} status={employee.latestSession.status} />
                      ) : (
                        <StatusBadge status={null} />
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      {employee.latestSession ? (
                        <LiveChangedAt reference={employee.latestSession.reference} value={employee.latestSession.statusChangedAt.toISOString()} />
                      ) : (
                        "—"
                      )}
                    </td>
                    {canVerify && (
                      <td className="px-4 py-3 text-right">
                        <VerifyButton employeeId={employee.id} employeeName={name} />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
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
