import { useLocale, useTranslations } from "next-intl";
import type { EmployeeWithHistory } from "@/lib/db/employees";
import { StatusBadge, VerifiedBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { describeVerification } from "@/lib/verification/verified-text";

/**
 * The employee's header line: the verification fact, which no later attempt erases, and beside it the
 * attempt in flight or the latest one that did not verify them.
 */
export function VerificationSummary({ employee }: { employee: EmployeeWithHistory }) {
  const t = useTranslations("employee");
  const tStatus = useTranslations("status");
  const locale = useLocale();
  const open =
    employee.sessions.find((session) => session.status === "pending") ?? employee.sessions.find((session) => session.status === "starting");
  const latest = employee.sessions[0] ?? null;
  const attempt = open ?? (latest && latest.id !== employee.verifiedSessionId ? latest : null);
  return (
    <div className="mt-1 space-y-1 text-sm text-slate-700" data-testid="verification-summary">
      {employee.verifiedAt ? (
        <p className="flex flex-wrap items-center gap-2">
          <VerifiedBadge />
          <span data-testid="verified-fact">{describeVerification(employee, locale)}</span>
        </p>
      ) : (
        <p className="flex items-center gap-2">
          <StatusBadge status={null} />
        </p>
      )}
      {employee.verifiedOnReplacedLink && (
        <p className="text-amber-800" data-testid="replaced-link-flag">
          {t("replacedLinkFlag")}
        </p>
      )}
      {attempt && attempt.status !== "approved" && (
        <p className="flex flex-wrap items-center gap-2" data-testid="attempt-summary">
          {employee.verifiedAt
            ? attempt.status === "pending" || attempt.status === "starting"
              ? t("reverification")
              : t("lastAttempt")
            : t("latestAttempt")}
          <StatusBadge status={attempt.status} />
          <span className="text-slate-500">
            <LocalTime value={attempt.statusChangedAt} />
          </span>
        </p>
      )}
      {open && latest && latest.id !== open.id && latest.status === "failed" && (
        <p className="flex flex-wrap items-center gap-2" data-testid="failed-start-over">
          {t.rich("failedStartOver", { badge: () => <StatusBadge status="failed" />, pending: tStatus("pending").toLowerCase() })}
        </p>
      )}
    </div>
  );
}
