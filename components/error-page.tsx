"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/**
 * What a user sees when a request fails: what to do, and the reference that matches the server's log line
 * (instrumentation.ts logs the digest). Production builds never send the message or stack to the browser.
 */
export function ErrorReference({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      <p className="mt-3 text-sm text-slate-600">
        {t.rich("reference", { digest: digest ?? t("noReference"), code: (chunks) => <code>{chunks}</code> })}
      </p>
      <div className="mt-6">
        <Button variant="brand" size="md" onClick={() => reset()}>
          {t("tryAgain")}
        </Button>
      </div>
    </main>
  );
}
