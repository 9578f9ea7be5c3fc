import { currentStaff, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/db/audit";
import { complianceCsv } from "@/lib/employees/compliance-export";
import { crossSiteRefused, isSameOrigin } from "@/lib/security/same-origin";

// The compliance export: admins only, checked here. A POST (the list's form button) from the portal's own
// origin, because it writes an audit row: a GET could be fired cross-site by any page an admin visits.
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return crossSiteRefused();
  const headers = { "Cache-Control": "no-store" };
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: "sign_in_required" }, { status: 401, headers });
  if (!hasRole(staff, ADMIN_ONLY)) return Response.json({ error: "forbidden" }, { status: 403, headers });

  const body = await complianceCsv();
  await recordAudit({ action: "employees.compliance_exported", actor: staff });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="compliance-${day}.csv"` },
  });
}
