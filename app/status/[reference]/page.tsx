import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getPublicStatus } from "@/lib/verification/status-refresh";
import { toPublicStatus } from "@/lib/verification/public-status";
import { StatusPoller } from "@/components/status-poller";

export const metadata: Metadata = { title: "Your verification", referrer: "no-referrer" };

export default async function StatusPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const session = await getPublicStatus(reference);
  if (!session) notFound();
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <p className="text-sm font-medium text-slate-500">Identity verification</p>
      <StatusPoller reference={session.reference} initial={toPublicStatus(session)} />
    </main>
  );
}
