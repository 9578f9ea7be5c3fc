// next-intl's request configuration (wired in next.config.mjs): the language of this request, its catalogue
// and the time zone, for Server Components, actions and route handlers. Client components get only the
// namespaces their page hands them (lib/i18n/client-messages.ts), never the whole catalogue.
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { LANG_HINT_HEADER, LOCALE_COOKIE, TIME_ZONE, resolveLocale } from "./locales";
import { catalogue } from "./catalogue";

export default getRequestConfig(async ({ locale: explicit }) => {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale({
    cookie: explicit ?? cookieStore.get(LOCALE_COOKIE)?.value,
    langParam: requestHeaders.get(LANG_HINT_HEADER),
    acceptLanguage: requestHeaders.get("accept-language"),
    fallback: env().DEFAULT_LOCALE,
  });
  return { locale, timeZone: TIME_ZONE, messages: catalogue(locale) };
});
