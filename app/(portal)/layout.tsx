import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { cookies } from "next/headers";
import { PORTAL_CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/catalogue";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { Suspense } from "react";
import { requireSignedIn } from "@/lib/auth/session";
import { findStaffLocale } from "@/lib/db/staff";
import { ErasedNotice } from "@/components/erased-notice";
import { PortalHeader } from "@/components/portal-header";
import { LocaleCookieSync } from "@/components/locale-cookie-sync";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // Signed in, perhaps with a temporary password still to change: every page checks its own access
  // (requireStaff sends such a user to the Account page, the one page requireSignedIn lets them see).
  const staff = await requireSignedIn();
  const [locale, saved, cookieStore] = await Promise.all([getLocale(), findStaffLocale(staff.id), cookies()]);
  // The saved choice follows the staff member to another browser: when this browser's cookie says
  // otherwise, set it once (a layout cannot set cookies itself) and render again.
  const stale = saved !== null && cookieStore.get(LOCALE_COOKIE)?.value !== saved;
  return (
    <NextIntlClientProvider messages={pickNamespaces(locale, PORTAL_CLIENT_NAMESPACES)}>
      {stale && <LocaleCookieSync />}
      <div className="min-h-screen">
        <PortalHeader staff={staff} />
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          <Suspense>
            <ErasedNotice />
          </Suspense>
          {children}
        </main>
      </div>
    </NextIntlClientProvider>
  );
}
