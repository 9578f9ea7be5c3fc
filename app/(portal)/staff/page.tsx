import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listStaff } from "@/lib/db/staff";
import { PASSWORD_RULE } from "@/lib/auth/password-policy";
import { CreateStaffForm, StaffRowActions } from "@/components/staff-forms";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

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
      <Table className="mt-6">
        <TableHead>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Status</Th>
        </TableHead>
        <TableBody>
          {staff.map((member) => (
            <tr key={member.id} data-testid={`staff-${member.email}`}>
              <Td className="font-medium">{member.name}</Td>
              <Td className="text-slate-700">{member.email}</Td>
              <Td colSpan={2}>
                {member.id === me.id ? (
                  <span className="text-slate-600">{member.role} (you)</span>
                ) : (
                  <StaffRowActions staffId={member.id} name={member.name} role={member.role} active={member.active} />
                )}
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <h2 className="mt-10 text-lg font-semibold">Add staff member</h2>
      <CreateStaffForm passwordRule={PASSWORD_RULE} />
    </>
  );
}
