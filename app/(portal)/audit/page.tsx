import type { Metadata } from "next";
import { requireStaff, ADMIN_ONLY } from "@/lib/auth/session";
import { listAuditTrail } from "@/lib/db/audit";
import { AuditTable } from "@/components/audit-trail";

export const metadata: Metadata = { title: "Audit trail" };

const SHOWN = 500;

export default async function AuditPage() {
  await requireStaff(ADMIN_ONLY);
  const entries = await listAuditTrail({ limit: SHOWN });
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        {/* A plain link: the export is a file download, not a page. */}
        <a href="/audit/export" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" download>
          Download CSV
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Verifications, staff and role changes and sign-ins, newest first (the latest {SHOWN}; the CSV has everything).
      </p>
      <AuditTable entries={entries} showEmployee />
    </>
  );
}
