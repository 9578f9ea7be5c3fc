// next-intl's server functions read the language from a Next.js request, which tests do not have: server
// actions called directly get English, as Playwright's browser (Accept-Language en-US) does.
import { translator } from "@/lib/i18n/translator";
import type { Messages } from "@/lib/i18n/catalogue";

export async function getLocale() {
  return "en" as const;
}

export async function getTranslations<Namespace extends keyof Messages>(namespace: Namespace) {
  return translator("en", namespace);
}
