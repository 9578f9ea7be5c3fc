import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { PORTAL_CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/catalogue";
import { Suspense } from "react";
import { requireSignedIn, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { signOutAction } from "./actions";
import { ErasedNotice } from "@/components/erased-notice";
import { Button } from "@/components/ui/button";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // Signed in, perhaps with a temporary password still to change: every page checks its own access
  // (requireStaff sends such a user to the Account page, the one page requireSignedIn lets them see).
  const staff = await requireSignedIn();
  const locale = await getLocale();
  const tAccount = await getTranslations("account");
  return (
    <NextIntlClientProvider messages={pickNamespaces(locale, PORTAL_CLIENT_NAMESPACES)}>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
            <nav className="flex flex-wrap items-center gap-x-6 gap-y-1">
              <span className="font-semibold">EasyFreelance partner portal</span>
              <Link href="/employees" className="text-sm text-slate-700 hover:text-slate-950">
                Employees
              </Link>
              {hasRole(staff, ADMIN_ONLY) && (
                <>
                  <Link href="/staff" className="text-sm text-slate-700 hover:text-slate-950">
                    Staff
                  </Link>
                  <Link href="/audit" className="text-sm text-slate-700 hover:text-slate-950">
                    Audit
                  </Link>
                  <Link href="/settings" className="text-sm text-slate-700 hover:text-slate-950">
                    Settings
                  </Link>
                </>
              )}
            </nav>
            <div className="flex items-center gap-4 text-sm">
              <span className="text-slate-600">
                {staff.name} <span className="text-slate-400">({staff.role})</span>
              </span>
              <Link href="/account" className="text-slate-700 hover:text-slate-950">
                {tAccount("nav")}
              </Link>
              <form action={signOutAction}>
                <Button type="submit" variant="link">
                  Sign out
                </Button>
              </form>
            </div>
          </div>
        </header>
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
