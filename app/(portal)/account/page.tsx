import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { pendingAccountStep, requireSignedIn } from "@/lib/auth/session";
import { StaffRole } from "@/lib/auth/roles";
import { countUnusedRecoveryCodes, findAccount } from "@/lib/db/accounts";
import { env } from "@/lib/env";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import { ChangePasswordForm, SecondFactorManage, SecondFactorSetup } from "@/components/account-forms";
import { LocalTime } from "@/components/local-time";
import { Alert } from "@/components/ui/alert";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

// Every staff member's own account: password and two-step verification. The one page a user with a
// temporary password, or an admin without a required second factor, can open (lib/auth/session.ts).
export default async function AccountPage() {
  const staff = await requireSignedIn();
  const [t, locale, account, unusedCodes] = await Promise.all([
    getTranslations("account"),
    getLocale(),
    findAccount(staff.id),
    countUnusedRecoveryCodes(staff.id),
  ]);
  const step = pendingAccountStep(staff);
  const secondFactorRequired = staff.role === StaffRole.admin && env().REQUIRE_ADMIN_2FA;
  return (
    <NextIntlClientProvider messages={pickNamespaces(locale, ["account"])}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro", { email: staff.email })}</p>
      {step && (
        <Alert tone="warning" className="mt-4">
          {step === "change_password" ? t("required.changePassword") : t("required.enrolSecondFactor")}
        </Alert>
      )}

      <h2 className="mt-8 text-lg font-semibold">{t("password.heading")}</h2>
      {account?.passwordChangedAt && (
        <p className="mt-1 text-sm text-slate-600">
          {t.rich("password.lastChanged", { date: () => <LocalTime value={account.passwordChangedAt!} /> })}
        </p>
      )}
      <ChangePasswordForm passwordRule={t("password.rule")} />

      {/* A temporary password comes first: two-step verification is set up with the user's own password. */}
      {step !== "change_password" && (
        <>
          <h2 className="mt-10 text-lg font-semibold">{t("secondFactor.heading")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("secondFactor.intro")}</p>
          {account?.totpEnabledAt ? (
            <>
              <p className="mt-2 text-sm" data-testid="second-factor-status">
                {t.rich("secondFactor.onSince", { date: () => <LocalTime value={account.totpEnabledAt!} /> })}{" "}
                {t("secondFactor.codesLeft", { count: unusedCodes })}
              </p>
              <SecondFactorManage canDisable={!secondFactorRequired} />
            </>
          ) : (
            <>
              <p className="mt-2 text-sm" data-testid="second-factor-status">
                {secondFactorRequired ? t("secondFactor.offRequired") : t("secondFactor.off")}
              </p>
              <SecondFactorSetup />
            </>
          )}
        </>
      )}
    </NextIntlClientProvider>
  );
}
