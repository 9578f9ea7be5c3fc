import { getTranslations } from "next-intl/server";
import { currentStaff, hasRole } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { findImportJob, importRows } from "@/lib/db/imports";
import { UTF8_BOM } from "@/lib/employees/csv";
import { toCsv } from "@/lib/security/csv";
import { rowErrorsText } from "../../row-errors";

// The import's report: every row of the file with its result and reasons, in the reader's language, UTF-8 with
// a BOM (Excel shows æøå) and formula-safe cells. Admin and HR, as the import page. Reads only: no audit row.
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const headers = { "Cache-Control": "no-store" };
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: "sign_in_required" }, { status: 401, headers });
  if (!hasRole(staff, CAN_VERIFY)) return Response.json({ error: "forbidden" }, { status: 403, headers });
  const { jobId } = await params;
  const job = await findImportJob(jobId);
  if (!job) return Response.json({ error: "not_found" }, { status: 404, headers });

  const t = await getTranslations("import");
  const translate = t as unknown as Parameters<typeof rowErrorsText>[1];
  const header = ["row", "email", "firstName", "lastName", "internalId", "phone", "language", "result", "errors"] as const;
  const rows = (await importRows(jobId)).map((row) => [
    row.rowNumber,
    row.email,
    row.firstName,
    row.lastName,
    row.internalId,
    row.phone,
    row.language ?? "",
    translate(`rowStatus.${row.status}`),
    rowErrorsText(row.errors, translate),
  ]);
  const body =
    UTF8_BOM +
    toCsv(
      header.map((column) => t(`column.${column}`)),
      rows,
    );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="import-report-${day}.csv"` },
  });
}
