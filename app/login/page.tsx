import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { sessionStaff } from "@/lib/auth/session";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import { LoginForm } from "@/components/login-form";
import { Alert } from "@/components/ui/alert";
import { SsoSignIn } from "@/components/sso-sign-in";
import { passwordSignInEnabled } from "@/lib/auth/sso";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ changed?: string; sso?: string | string[]; error?: string | string[] }>;
}) {
  // Signed in (even with a temporary password still to change): the portal sends them on from there.
  if (await sessionStaff()) redirect("/employees");
  const [t, locale, { changed, sso, error }] = await Promise.all([getTranslations("signIn"), getLocale(), searchParams]);
  const passwordSignIn = passwordSignInEnabled();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {changed === "1" && (
        <Alert tone="success" className="mt-4">
          {t("passwordChanged")}
        </Alert>
      )}
      <SsoSignIn sso={sso} error={error} passwordSignIn={passwordSignIn} />
      {passwordSignIn && (
        <NextIntlClientProvider messages={pickNamespaces(locale, ["signIn"])}>
          <LoginForm />
        </NextIntlClientProvider>
      )}
    </main>
  );
}
