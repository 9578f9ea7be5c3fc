import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { openInvitation, METHOD_CHOICES, type InvitationPageView } from "@/lib/verification/invitations";
import { checkLimit, clientAddress } from "@/lib/security/rate-limit";
import { getPublicStatus, publicStatus } from "@/lib/verification/status-refresh";
import { easyFreelanceAppUrl } from "@/lib/verification/urls";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import { formatDate } from "@/lib/format/dates";
import { toLocale } from "@/lib/i18n/locales";
import { PublicPage } from "@/components/public-page";
import { StatusPoller } from "@/components/status-poller";
import { buttonClass } from "@/components/ui/button";

// The employee's invitation (issue 13): public, the unguessable token is the credential. Rendered per request
// (never cached: Next.js sends `private, no-store` for it), no referrer (next.config.mjs), rate-limited per address.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitationPage");
  return { title: t("metaTitle"), referrer: "no-referrer", robots: { index: false, follow: false } };
}

const ERRORS = { start_failed: "startFailed", choose: "chooseMissing" } as const;

export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const [{ token }, { error }, t, locale] = await Promise.all([params, searchParams, getTranslations("invitationPage"), getLocale()]);
  const limited = await checkLimit("invitationAddress", clientAddress(await headers()));
  if (!limited.allowed) {
    return (
      <PublicPage>
        <p role="alert" className="text-slate-800">
          {t("tooMany")}
        </p>
      </PublicPage>
    );
  }
  const view = await openInvitation(token);
  if (!view) notFound();
  const partner = view.partnerName ?? t("partnerFallback");
  const errorKey = error && Object.hasOwn(ERRORS, error) ? ERRORS[error as keyof typeof ERRORS] : null;
  return (
    <PublicPage>
      <p className="text-sm font-medium text-slate-600">{t("eyebrow")}</p>
      {errorKey && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          {t(errorKey)}
        </p>
      )}
      <Body view={view} token={token} partner={partner} locale={toLocale(locale) ?? "en"} />
    </PublicPage>
  );
}

async function Body({ view, token, partner, locale }: { view: InvitationPageView; token: string; partner: string; locale: "nb" | "en" }) {
  const t = await getTranslations("invitationPage");
  const { phase } = view;
  if (phase.kind === "verified") {
    // The status page's own component: the result, and the onboarding next step when steps are left.
    const session = view.statusReference ? await getPublicStatus(view.statusReference) : null;
    if (session?.status === "approved") {
      return (
        <NextIntlClientProvider messages={pickNamespaces(locale, ["statusPage"])}>
          <StatusPoller reference={session.reference} initial={publicStatus(session)} appUrl={easyFreelanceAppUrl()} />
        </NextIntlClientProvider>
      );
    }
    return <Message title={t("verifiedTitle")} body={t("verifiedBody")} />;
  }
  if (phase.kind === "expired") return <Message title={t("expiredTitle")} body={t("expiredBody", { partner })} />;
  if (phase.kind === "revoked") return <Message title={t("revokedTitle")} body={t("revokedBody", { partner })} />;
  if (phase.kind === "attempts_used") return <Message title={t("attemptsTitle")} body={t("attemptsBody", { partner, max: view.maxAttempts })} />;
  const choices = view.method ? [view.method] : METHOD_CHOICES;
  return (
    <>
      <h1 className="mt-2 text-2xl font-semibold">{t("title", { name: view.firstName })}</h1>
      <p className="mt-3 text-slate-700">{t("who", { partner })}</p>
      {phase.kind === "ready" && phase.retry && (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="retry-intro">
          {t("retryIntro", { left: phase.attemptsLeft })}
        </p>
      )}
      {phase.kind === "in_progress" && <p className="mt-3 text-slate-700">{t("inProgress")}</p>}
      <h2 className="mt-6 font-semibold">{t("whatTitle")}</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-slate-700">
        <li>{t("what1", { partner })}</li>
        <li>{t("what2")}</li>
        <li>{t("what3")}</li>
      </ol>
      {/* A plain form POST to a route handler: works without JavaScript, and with this page's no-referrer policy
          (a browser sends `Origin: null`, which a server action would refuse). */}
      <form method="post" action={`/i/${token}/start`} className="mt-6 space-y-3">
        <fieldset>
          <legend className="font-semibold">{view.method ? t("methodTitle") : t("chooseTitle")}</legend>
          <div className="mt-2 space-y-2">
            {choices.map((choice, index) => (
              <label
                key={choice}
                className="flex gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50"
              >
                <input type="radio" name="method" value={choice} defaultChecked={index === 0} className="mt-1" />
                <span>
                  <span className="block font-medium">{t(`method.${choice}`)}</span>
                  <span className="block text-sm text-slate-600">{t(`methodHelp.${choice}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className={buttonClass({ variant: "brand" }) + " w-full justify-center"}>
          {phase.kind === "in_progress" ? t("continue") : phase.kind === "ready" && phase.retry ? t("retry") : t("start")}
        </button>
      </form>
      <p className="mt-4 text-sm text-slate-600">{t("expires", { date: formatDate(view.expiresAt, "date", locale) })}</p>
    </>
  );
}

function Message({ title, body }: { title: string; body: string }) {
  return (
    <>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-700">{body}</p>
    </>
  );
}
