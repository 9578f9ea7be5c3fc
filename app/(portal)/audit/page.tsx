import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listAuditTrail } from "@/lib/db/audit";
import { AuditTable } from "@/components/audit-trail";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit trail" };

const SHOWN = 500;

export default async function AuditPage() {
  await requireStaff(ADMIN_ONLY);
  const entries = await listAuditTrail({ limit: SHOWN });
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        {/* A POST from this page (the export is audited: another site must not be able to trigger it); the
            answer is a file download, so the page stays. */}
        <form method="post" action="/audit/export">
          <button type="submit" className={buttonClass()}>
            Download CSV
          </button>
        </form>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Verifications, staff and role changes and sign-ins, newest first (the latest {SHOWN}; the CSV has everything).
      </p>
      <AuditTable entries={entries} showEmployee />
    </>
  );
}
