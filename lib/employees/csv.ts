// The Employees list as CSV, in the reader's language (headers, yes/no, statuses), for Excel: the file
// starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as Windows-1252 and garbles æøå.
import type { ListedEmployee } from "@/lib/db/employees";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { PROVIDER_LABELS } from "@/lib/verification/verified";

export const UTF8_BOM = "\uFEFF";

const COLUMNS = [
  "firstName",
  "lastName",
  "email",
  "internalId",
  "efId",
  "verified",
  "verifiedAt",
  "verifiedWith",
  "verifiedOnReplacedLink",
  "latestAttempt",
  "latestAttemptAt",
] as const;

/** The header and a row writer in one language. Each row is one employee as the list shows them: the verification fact, then the attempt beside it. */
export function employeeCsv(locale: Locale) {
  const t = translator(locale, "employees");
  const status = translator(locale, "status");
  const yesNo = (value: boolean) => (value ? t("csv.yes") : t("csv.no"));
  return {
    header: COLUMNS.map((column) => t(`csv.${column}`)),
    row(employee: ListedEmployee): unknown[] {
      const attempt = employee.openSession ?? employee.latestSession;
      return [
        employee.firstName,
        employee.lastName,
        employee.email,
        employee.internalId,
        employee.efUserId,
        yesNo(employee.verifiedAt !== null),
        employee.verifiedAt,
        employee.verifiedProvider ? PROVIDER_LABELS[employee.verifiedProvider] : null,
        employee.verifiedAt ? yesNo(employee.verifiedOnReplacedLink) : null,
        attempt ? status(attempt.status) : null,
        attempt?.statusChangedAt ?? null,
      ];
    },
  };
}
