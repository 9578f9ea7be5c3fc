import type { ListedEmployee } from "@/lib/db/employees";
import { STATUS_LABELS } from "@/lib/verification/status";
import { PROVIDER_LABELS } from "@/lib/verification/verified";

export const employeeCsvHeader = [
  "first_name",
  "last_name",
  "email",
  "internal_id",
  "easyfreelance_id",
  "verified",
  "verified_at",
  "verified_with",
  "verified_on_replaced_link",
  "latest_attempt",
  "latest_attempt_at",
] as const;

/** One employee as the list shows them: the verification fact, then the attempt beside it. */
export function employeeCsvRow(employee: ListedEmployee): unknown[] {
  const attempt = employee.openSession ?? employee.latestSession;
  return [
    employee.firstName,
    employee.lastName,
    employee.email,
    employee.internalId,
    employee.efUserId,
    employee.verifiedAt ? "yes" : "no",
    employee.verifiedAt,
    employee.verifiedProvider ? PROVIDER_LABELS[employee.verifiedProvider] : null,
    employee.verifiedAt ? (employee.verifiedOnReplacedLink ? "yes" : "no") : null,
    attempt ? STATUS_LABELS[attempt.status] : null,
    attempt?.statusChangedAt ?? null,
  ];
}
