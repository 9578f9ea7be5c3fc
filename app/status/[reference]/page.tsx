import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { getPublicStatus } from "@/lib/verification/status-refresh";
import { toPublicStatus } from "@/lib/verification/public-status";
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
  const session = await getPublicStatus(reference);
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
          initial={toPublicStatus(session)}
          appUrl={easyFreelanceAppUrl()}
          retry={retryLink ? { href: retryLink, label: tInvitation("tryAgain") } : undefined}
        />
      </NextIntlClientProvider>
    </PublicPage>
  );
}
