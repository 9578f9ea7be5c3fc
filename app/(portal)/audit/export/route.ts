import { currentStaff, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listAuditTrail, recordAudit } from "@/lib/db/audit";
import { getLocale } from "next-intl/server";
import { auditCsv } from "@/lib/audit/text";
import type { Locale } from "@/lib/i18n/locales";

// Admins only; the role is checked here, not just by the page that links to it.
export async function GET() {
  const staff = await currentStaff();
  const headers = { "Cache-Control": "no-store" };
  if (!staff) return Response.json({ error: "sign_in_required" }, { status: 401, headers });
  if (!hasRole(staff, ADMIN_ONLY)) return Response.json({ error: "forbidden" }, { status: 403, headers });

  await recordAudit({ action: "audit.exported", actor: staff });
  const entries = await listAuditTrail({ limit: 100_000 });
  // Headers and words in the admin's language, UTF-8 with a byte order mark (lib/audit/text.ts).
  const csv = auditCsv(entries, (await getLocale()) as Locale);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="audit-${day}.csv"` },
  });
}
