import { currentStaff } from "@/lib/auth/session";
import { recordAudit } from "@/lib/db/audit";
import { exportEmployees } from "@/lib/db/employees";
import { csvRow } from "@/lib/security/csv";
import { crossSiteRefused, isSameOrigin } from "@/lib/security/same-origin";
import { getLocale } from "next-intl/server";
import { employeeCsv, UTF8_BOM } from "@/lib/employees/csv";
import { parseListParams } from "../list-params";

// The Employees list as CSV, with the list's search and filter: the same verification fact as the list.
// Any signed-in staff member may read the list, so may export it; checked here, not only by the page.
// A POST from the portal's own page only (the export is audited; no other site may trigger it).
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return crossSiteRefused();
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: "sign_in_required" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const { q, status, readiness } = parseListParams(Object.fromEntries(new URL(request.url).searchParams));
  await recordAudit({ action: "employees.exported", actor: staff, data: { q: q ?? null, status: status ?? null, readiness: readiness ?? null } });

  const csv = employeeCsv(await getLocale());
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvRow(csv.header)));
      for await (const batch of exportEmployees({ q, status, readiness })) {
        controller.enqueue(encoder.encode(batch.map((employee) => csvRow(csv.row(employee))).join("")));
      }
      controller.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="employees-${day}.csv"`,
    },
  });
}
