import type { EmployeeWithHistory } from "@/lib/db/employees";
import { StatusBadge, VerifiedBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { STATUS } from "@/lib/verification/status";
import { describeVerification } from "@/lib/verification/verified";

/**
 * The employee's header line: the verification fact, which no later attempt erases, and beside it the
 * attempt in flight or the latest one that did not verify them.
 */
export function VerificationSummary({ employee }: { employee: EmployeeWithHistory }) {
  const open =
    employee.sessions.find((session) => session.status === "pending") ?? employee.sessions.find((session) => session.status === "starting");
  const latest = employee.sessions[0] ?? null;
  const attempt = open ?? (latest && latest.id !== employee.verifiedSessionId ? latest : null);
  return (
    <div className="mt-1 space-y-1 text-sm text-slate-700" data-testid="verification-summary">
      {employee.verifiedAt ? (
        <p className="flex flex-wrap items-center gap-2">
          <VerifiedBadge />
          <span data-testid="verified-fact">{describeVerification(employee)}</span>
        </p>
      ) : (
        <p className="flex items-center gap-2">
          <StatusBadge status={null} />
        </p>
      )}
      {employee.verifiedOnReplacedLink && (
        <p className="text-amber-800" data-testid="replaced-link-flag">
          The approval arrived on a link that had already been replaced by a start over. EasyFreelance checked the same person.
        </p>
      )}
      {attempt && attempt.status !== "approved" && (
        <p className="flex flex-wrap items-center gap-2" data-testid="attempt-summary">
          {employee.verifiedAt
            ? attempt.status === "pending" || attempt.status === "starting"
              ? "Re-verification:"
              : "Last attempt:"
            : "Latest attempt:"}
          <StatusBadge status={attempt.status} />
          <span className="text-slate-500">
            <LocalTime value={attempt.statusChangedAt} />
          </span>
        </p>
      )}
      {open && latest && latest.id !== open.id && latest.status === "failed" && (
        <p className="flex flex-wrap items-center gap-2" data-testid="failed-start-over">
          Last start over: <StatusBadge status="failed" /> — the open link still works ({STATUS.pending.label.toLowerCase()}).
        </p>
      )}
    </div>
  );
}
