"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/env";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { secureCookiesFor } from "@/lib/auth/cookies";

// The language switch on the employee's pages (components/language-switch.tsx). Public on purpose: it only
// remembers a language in the visitor's own browser, which then wins over `lang` and Accept-Language.
const input = z.object({ locale: z.enum(LOCALES) });

export async function chooseLanguage(formData: FormData): Promise<void> {
  const parsed = input.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return; // nothing to remember; the page stays as it is
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
    secure: secureCookiesFor(env().APP_URL),
  });
}
