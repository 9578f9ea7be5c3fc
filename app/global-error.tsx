"use client";

import "./globals.css";
import { Suspense, use } from "react";
import { NextIntlClientProvider } from "next-intl";
import { ErrorReference } from "@/components/error-page";

// This module is part of every page's first-load JavaScript, and a bundler puts a whole JSON file into the
// chunk that imports it (named imports included): so the catalogue is loaded only when this page is shown.
let errorMessages: Promise<{ errors: Record<string, string> }> | undefined;
function loadErrorMessages() {
  errorMessages ??= import("@/lib/i18n/messages/nb.json").then(({ default: nb }) => ({ errors: nb.errors }));
  return errorMessages;
}

function Localised({ digest, reset }: { digest?: string; reset: () => void }) {
  const messages = use(loadErrorMessages());
  return (
    <NextIntlClientProvider locale="nb" timeZone="Europe/Oslo" messages={messages}>
      <ErrorReference digest={digest} reset={reset} />
    </NextIntlClientProvider>
  );
}

// An error in the root layout itself: the same friendly page, with its own <html> (the layout failed, so
// the request's language is unknown here: the portal's own language, Norwegian).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="nb">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Suspense>
          <Localised digest={error.digest} reset={reset} />
        </Suspense>
      </body>
    </html>
  );
}
