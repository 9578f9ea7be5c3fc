// The employee page's corrections (edit, relink, archive, erase) and its notices about them.
// Self-contained server components: each reads the staff member and the employee itself, so the page
// mounts them with one line each.
import { currentStaff, hasRole, ADMIN_ONLY, CAN_VERIFY } from "@/lib/auth/session";
import { findEmployeeIdentity } from "@/lib/db/employee-corrections";
import { employeeName } from "@/lib/employees/name";
import { LocalTime } from "./local-time";
import { CorrectionDialogs, UnarchiveButton } from "./employee-corrections-forms";

/** Buttons and their dialogs; nothing for viewers (the actions refuse them too). */
export async function EmployeeCorrections({ employeeId }: { employeeId: string }) {
  const [staff, employee] = await Promise.all([currentStaff(), findEmployeeIdentity(employeeId)]);
  if (!staff || !employee || !hasRole(staff, CAN_VERIFY)) return null;
  return (
    <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="corrections-heading" data-testid="corrections">
      <h2 id="corrections-heading" className="text-lg font-semibold">
        Corrections
      </h2>
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
    </section>
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
        <p role="status" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="already-in-portal">
          {name} is already in the portal with this email{employee.archivedAt ? " (archived)" : ""}, so no one was added.{" "}
          {employee.archivedAt ? "To list them again, use Unarchive. " : ""}To link them to EasyFreelance again, use Relink.
        </p>
      )}
      {employee.archivedAt && (
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="archived-notice">
          <p>
            <strong>Archived</strong> on <LocalTime value={employee.archivedAt} />: hidden from the Employees list and cannot be verified. Their history is kept.
          </p>
          {canCorrect && <UnarchiveButton employeeId={employee.id} />}
        </div>
      )}
    </>
  );
}
