import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("appDescription"),
    robots: { index: false, follow: false },
    icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, so each gets the nonce of its own
  // Content-Security-Policy (proxy.ts); a page prerendered at build time would carry none.
  await headers();
  const locale = await getLocale();
  // Client components everywhere get only what error.tsx needs; a page or layout that has client
  // components with their own words wraps them in a provider with its own namespaces.
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider messages={pickNamespaces(locale, ["errors"])}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
