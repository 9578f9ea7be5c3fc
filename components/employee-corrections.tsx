// The employee page's corrections (edit, relink, archive, erase) and its notices about them.
// Self-contained server components: each reads the staff member and the employee itself, so the page
// mounts them with one line each.
import { currentStaff, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY, CAN_VERIFY } from "@/lib/auth/roles";
import { findEmployeeIdentity } from "@/lib/db/employee-corrections";
import { employeeName } from "@/lib/employees/name";
import { LocalTime } from "./local-time";
import { Alert } from "./ui/alert";
import { Card } from "./ui/card";
import { CorrectionDialogs, UnarchiveButton } from "./employee-corrections-dialogs";

/** Buttons and their dialogs; nothing for viewers (the actions refuse them too). */
export async function EmployeeCorrections({ employeeId }: { employeeId: string }) {
  const [staff, employee] = await Promise.all([currentStaff(), findEmployeeIdentity(employeeId)]);
  if (!staff || !employee || !hasRole(staff, CAN_VERIFY)) return null;
  return (
    <Card title="Corrections" headingId="corrections-heading" data-testid="corrections">
      <p className="mt-1 text-sm text-slate-600">
        Fix this employee&apos;s record in the portal: edit the details, link them to EasyFreelance again, archive them
        {hasRole(staff, ADMIN_ONLY) ? ", or erase them for data protection" : ""}. Every correction is recorded in the audit trail.
      </p>
      <CorrectionDialogs
        employee={{
          id: employee.id,
          name: employeeName(employee),
          email: employee.email,
          firstName: employee.firstName,
          lastName: employee.lastName,
          internalId: employee.internalId ?? "",
          efUserId: employee.efUserId,
          archived: employee.archivedAt !== null,
        }}
        canErase={hasRole(staff, ADMIN_ONLY)}
      />
    </Card>
  );
}

/** "Already in the portal" (after Add employee with a known email) and "Archived", with Unarchive for staff who may. */
export async function EmployeeNotice({ employeeId, existing }: { employeeId: string; existing?: boolean }) {
  const [staff, employee] = await Promise.all([currentStaff(), findEmployeeIdentity(employeeId)]);
  if (!staff || !employee) return null;
  const name = employeeName(employee);
  const canCorrect = hasRole(staff, CAN_VERIFY);
  return (
    <>
      {existing && (
        <Alert tone="warning" className="mt-4" data-testid="already-in-portal">
          {name} is already in the portal with this email{employee.archivedAt ? " (archived)" : ""}, so no one was added.{" "}
          {employee.archivedAt ? "To list them again, use Unarchive. " : ""}To link them to EasyFreelance again, use Relink.
        </Alert>
      )}
      {employee.archivedAt && (
        <Alert tone="neutral" as="div" role="none" className="mt-4 flex flex-wrap items-center justify-between gap-3" data-testid="archived-notice">
          <p>
            <strong>Archived</strong> on <LocalTime value={employee.archivedAt} />: hidden from the Employees list and cannot be verified. Their
            history is kept.
          </p>
          {canCorrect && <UnarchiveButton employeeId={employee.id} />}
        </Alert>
      )}
    </>
  );
}
