import type { ImportColumn, RowError } from "@/lib/employees/import-csv";

// A row's stored errors (import_rows.errors, RowError[]) as one line of text, for the page and the report.
type Translate = (key: string, values?: Record<string, string | number>) => string;

export function rowErrorsText(errors: unknown, t: Translate): string {
  if (!Array.isArray(errors)) return "";
  return (errors as RowError[])
    .map((error) => {
      const reason = t(`rowError.${error.code}`, { row: error.row ?? 0 });
      return `${t(`column.${error.field satisfies ImportColumn}`)}: ${reason}${error.detail ? ` (${error.detail})` : ""}`;
    })
    .join("; ");
}
