import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff, hasRole, CAN_VERIFY } from "@/lib/auth/session";
import { listEmployeesWithLatestSession } from "@/lib/db/employees";
import { StatusBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { VerifyButton } from "@/components/verify-button";
import { employeeName } from "@/lib/employees/name";

export const metadata: Metadata = { title: "Employees" };

export default async function EmployeesPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const staff = await requireStaff();
  const { denied } = await searchParams;
  const employees = await listEmployeesWithLatestSession();
  const canVerify = hasRole(staff, CAN_VERIFY);

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
      {employees.length === 0 ? (
        <p className="mt-6 text-slate-600">No employees yet.</p>
      ) : (
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
                      <StatusBadge status={employee.latestSession?.status ?? null} />
                    </td>
                    <td className="px-4 py-3 text-slate-600">
                      {employee.latestSession ? <LocalTime value={employee.latestSession.statusChangedAt} /> : "—"}
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
      )}
    </>
  );
}
