import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { loadStatusPage } from "@/lib/verification/status-page";
import { publicStatus } from "@/lib/verification/status-refresh";
import { easyFreelanceAppUrl } from "@/lib/verification/urls";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import { StatusPoller } from "@/components/status-poller";
import { PublicPage } from "@/components/public-page";
import { openInvitationLinkFor } from "@/lib/verification/invitations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("statusPage");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

export default async function StatusPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const load = await loadStatusPage(reference, await headers());
  if (load.limited) return <StatusLimited retryAfterSeconds={load.retryAfterSeconds} />;
  const session = load.session;
  if (!session) notFound();
  const [locale, t, tInvitation] = await Promise.all([getLocale(), getTranslations("statusPage"), getTranslations("invitationPage")]);
  // After a failed attempt the employee's invitation (when one is open) is where they try again.
  const retryLink = session.status !== "approved" ? await openInvitationLinkFor(session.employeeId) : null;
  return (
    <PublicPage>
      <p className="text-sm font-medium text-slate-600">{t("eyebrow")}</p>
      {/* The poller says everything in the page's language: it gets this page's words, not the catalogue. */}
      <NextIntlClientProvider messages={pickNamespaces(locale, ["statusPage"])}>
        <StatusPoller
          reference={session.reference}
          initial={publicStatus(session)}
          appUrl={easyFreelanceAppUrl()}
          retry={retryLink ? { href: retryLink, label: tInvitation("tryAgain") } : undefined}
        />
      </NextIntlClientProvider>
    </PublicPage>
  );
}

// Past the per-address limit (shared with /api/status): nothing is read; the employee is asked to wait.
async function StatusLimited({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const t = await getTranslations("statusLimited");
  return (
    <PublicPage>
      <div data-testid="status-limited">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-3 text-slate-700">{t("body", { seconds: retryAfterSeconds })}</p>
      </div>
    </PublicPage>
  );
}
