import type { Metadata } from "next";
import { requireStaff, ADMIN_ONLY } from "@/lib/auth/session";
import { listStaff } from "@/lib/db/staff";
import { PASSWORD_RULE } from "@/lib/auth/password-policy";
import { CreateStaffForm, StaffRowActions } from "@/components/staff-forms";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const me = await requireStaff(ADMIN_ONLY);
  const staff = await listStaff();
  return (
    <>
      <h1 className="text-2xl font-semibold">Staff</h1>
      <p className="mt-1 text-sm text-slate-600">
        Admins manage staff; HR verifies employees; viewers read only. A deactivated account is signed out at its next request.
      </p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Email</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {staff.map((member) => (
              <tr key={member.id} data-testid={`staff-${member.email}`}>
                <td className="px-4 py-3 font-medium">{member.name}</td>
                <td className="px-4 py-3 text-slate-700">{member.email}</td>
                <td className="px-4 py-3" colSpan={2}>
                  {member.id === me.id ? (
                    <span className="text-slate-600">{member.role} (you)</span>
                  ) : (
                    <StaffRowActions staffId={member.id} name={member.name} role={member.role} active={member.active} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-10 text-lg font-semibold">Add staff member</h2>
      <CreateStaffForm passwordRule={PASSWORD_RULE} />
    </>
  );
}
