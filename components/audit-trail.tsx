import { requireStaff } from "@/lib/auth/session";
import { listAuditTrail, type AuditEntry } from "@/lib/db/audit";

const timeFormatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/Oslo" });

const ACTION_LABELS: Record<string, string> = {
  "session.started": "Verification started",
  "session.start_failed": "Start failed",
  "session.reused": "Open verification reused",
  "session.superseded": "Started over (old link replaced)",
  "session.status_changed": "Status changed",
  "session.redirect_received": "Employee returned",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_limited": "Sign-in limited",
  "staff.created": "Staff member added",
  "staff.role_changed": "Role changed",
  "staff.deactivated": "Staff member deactivated",
  "staff.reactivated": "Staff member reactivated",
  "audit.exported": "Audit trail exported",
  "employees.exported": "Employees exported (CSV)",
  "verification.reverify_confirmed": "New verification of a verified employee confirmed",
  "employee.updated": "Employee details edited",
  "employee.relinked": "Employee relinked to EasyFreelance",
  "employee.archived": "Employee archived",
  "employee.unarchived": "Employee unarchived",
  "employee.erased": "Employee erased",
};

export function AuditTable({ entries, showEmployee }: { entries: AuditEntry[]; showEmployee: boolean }) {
  if (entries.length === 0) return <p className="mt-4 text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-trail">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Time</th>
            <th scope="col" className="px-4 py-2 font-medium">Event</th>
            <th scope="col" className="px-4 py-2 font-medium">By</th>
            {showEmployee && <th scope="col" className="px-4 py-2 font-medium">Employee</th>}
            <th scope="col" className="px-4 py-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">
                <time dateTime={entry.at.toISOString()}>{timeFormatter.format(entry.at)}</time>
              </td>
              <td className="px-4 py-2">{ACTION_LABELS[entry.action] ?? entry.action}</td>
              <td className="px-4 py-2 text-slate-700">{entry.actor}</td>
              {showEmployee && <td className="px-4 py-2 text-slate-700">{entry.employee ?? "—"}</td>}
              <td className="px-4 py-2 text-slate-600">{entry.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The audit trail of one employee's verifications (who started, reused or replaced which session, every
 * status change and recorded return), newest first. Self-contained: mount it on the employee's page as
 * `<AuditTrail employeeId={employee.id} />`.
 */
export async function AuditTrail({ employeeId, limit = 200 }: { employeeId: string; limit?: number }) {
  await requireStaff();
  const entries = await listAuditTrail({ employeeId, limit });
  return (
    <section aria-labelledby="audit-trail-heading" className="mt-8">
      <h2 id="audit-trail-heading" className="text-lg font-semibold">Audit trail</h2>
      <AuditTable entries={entries} showEmployee={false} />
    </section>
  );
}
