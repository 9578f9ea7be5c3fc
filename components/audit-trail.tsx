import { requireStaff } from "@/lib/auth/session";
import { listAuditTrail, type AuditEntry } from "@/lib/db/audit";
import { auditActionLabel } from "@/lib/verification/events";
import { LocalTime } from "./local-time";
import { Table, TableBody, TableHead, Td, Th } from "./ui/table";

export function AuditTable({ entries, showEmployee }: { entries: AuditEntry[]; showEmployee: boolean }) {
  if (entries.length === 0) return <p className="mt-4 text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <Table className="mt-4" data-testid="audit-trail">
      <TableHead>
        <Th pad="dense">Time</Th>
        <Th pad="dense">Event</Th>
        <Th pad="dense">By</Th>
        {showEmployee && <Th pad="dense">Employee</Th>}
        <Th pad="dense">Details</Th>
      </TableHead>
      <TableBody>
        {entries.map((entry) => (
          <tr key={entry.id} data-action={entry.action}>
            <Td pad="dense" className="whitespace-nowrap tabular-nums text-slate-600">
              <LocalTime value={entry.at} format="dateTimeSeconds" />
            </Td>
            <Td pad="dense">{auditActionLabel(entry.action)}</Td>
            <Td pad="dense" className="text-slate-700">
              {entry.actor}
            </Td>
            {showEmployee && (
              <Td pad="dense" className="text-slate-700">
                {entry.employee ?? "—"}
              </Td>
            )}
            <Td pad="dense" className="text-slate-600">
              {entry.details}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
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
      <h2 id="audit-trail-heading" className="text-lg font-semibold">
        Audit trail
      </h2>
      <AuditTable entries={entries} showEmployee={false} />
    </section>
  );
}
