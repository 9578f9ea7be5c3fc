import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/catalogue";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listReturnUrlRegistrations } from "@/lib/db/return-urls";
import { atRegistrationLabel, getReturnUrlApproval } from "@/lib/settings/service";
import { APPROVAL_KEYS, type Approval } from "@/lib/settings/registration-status";
import { LocalTime } from "@/components/local-time";
import { CheckCredentialsButton, ReturnUrlRegistration } from "@/components/settings-buttons";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

const APPROVAL_TONES: Record<Approval, BadgeTone> = { approved: "success", not_approved: "danger", unknown: "neutral" };

export default async function SettingsPage() {
  await requireStaff(ADMIN_ONLY);
  const [t, locale] = await Promise.all([getTranslations("settings"), getLocale()]);
  const [state, registrations] = await Promise.all([getReturnUrlApproval(locale), listReturnUrlRegistrations()]);
  const { url, registration: current } = state;
  const others = registrations.filter((registration) => registration.requestedUrl !== url);

  return (
    <NextIntlClientProvider messages={portalClientMessages(locale, ["settings"])}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>

      <Card title={t("returnUrl")} headingId="return-url-heading">
        <p className="mt-2 max-w-3xl text-sm text-slate-600">
          {t.rich("returnUrlIntro", {
            url: () => <code className="break-all">{url}/&lt;reference&gt;</code>,
            em: (chunks) => <em>{chunks}</em>,
          })}
        </p>
        <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2" data-testid="registration">
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{t("portalReturnUrl")}</dt>
            <dd>
              <code className="break-all">{url}</code>
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-slate-500">{t("approvalLabel")}</dt>
            <dd data-testid="approval">
              <Badge tone={APPROVAL_TONES[state.approval]} data-approval={state.approval}>
                {t(APPROVAL_KEYS[state.approval])}
              </Badge>{" "}
              {state.evidence ? (
                <>
                  — {t.rich("learnt", { when: () => <LocalTime value={state.evidence!.learntAt} /> })} {state.detail}
                </>
              ) : (
                <>
                  — {state.atRegistration ? `${state.atRegistration}; ` : ""}
                  {state.detail}
                </>
              )}
            </dd>
          </div>
          {current ? (
            <>
              <div>
                <dt className="text-slate-500">{t("registered")}</dt>
                <dd>
                  {current.requestedAt ? <LocalTime value={current.requestedAt} /> : "—"}
                  {current.requestedBy ? ` ${t("by", { name: current.requestedBy.name })}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("answer")}</dt>
                <dd>
                  {state.atRegistration} (<LocalTime value={current.checkedAt} />)
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-slate-500">{t("registrationId")}</dt>
                <dd>
                  <code className="break-all text-xs">{current.upstreamId}</code>
                </dd>
              </div>
            </>
          ) : (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t("registration")}</dt>
              <dd>{t("notRegistered")}</dd>
            </div>
          )}
        </dl>
        <div className="mt-4">
          <ReturnUrlRegistration registered={current !== null} />
        </div>
        {others.length > 0 && (
          <div className="mt-6">
            <h3 className="text-sm font-medium">{t("otherRegistrations")}</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {others.map((registration) => (
                <li key={registration.id} className="flex flex-wrap items-center gap-x-2">
                  <code className="break-all text-xs">{registration.requestedUrl}</code>
                  <span className="text-slate-500">
                    {atRegistrationLabel(registration.status, locale)}, <LocalTime value={registration.checkedAt} />
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      <Card title={t("credentials")} headingId="credentials-heading">
        <p className="mt-2 max-w-3xl text-sm text-slate-600">{t.rich("credentialsIntro", { code: (chunks) => <code>{chunks}</code> })}</p>
        <div className="mt-4">
          <CheckCredentialsButton />
        </div>
      </Card>
    </NextIntlClientProvider>
  );
}
