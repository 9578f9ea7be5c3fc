"use client";

import "./globals.css";
import { NextIntlClientProvider } from "next-intl";
import nb from "@/lib/i18n/messages/nb.json";
import { ErrorReference } from "@/components/error-page";

// An error in the root layout itself: the same friendly page, with its own <html> (the layout failed, so
// the request's language is unknown here: the portal's own language, Norwegian).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="nb">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider locale="nb" timeZone="Europe/Oslo" messages={{ errors: nb.errors }}>
          <ErrorReference digest={error.digest} reset={reset} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
