import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { loadStatusPage } from "@/lib/verification/status-page";
import { toPublicStatus } from "@/lib/verification/public-status";
import { StatusPoller } from "@/components/status-poller";

export const metadata: Metadata = { title: "Your verification", referrer: "no-referrer" };

export default async function StatusPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const load = await loadStatusPage(reference, await headers());
  if (load.limited) return <StatusLimited retryAfterSeconds={load.retryAfterSeconds} />;
  const session = load.session;
  if (!session) notFound();
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <p className="text-sm font-medium text-slate-500">Identity verification</p>
      <StatusPoller reference={session.reference} initial={toPublicStatus(session)} />
    </main>
  );
}

// Past the per-address limit (shared with /api/status): nothing is read; the employee is asked to wait.
async function StatusLimited({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const t = await getTranslations("statusLimited");
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6" data-testid="status-limited">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body", { seconds: retryAfterSeconds })}</p>
    </main>
  );
}
