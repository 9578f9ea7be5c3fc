// A translator for code that runs outside a component (domain services answering an action, CSV exports):
// the same catalogue as the pages, in the language the caller passes (an action reads it with getLocale()).
// next-intl's core (use-intl/core) has no React in it, so scripts run with the react-server condition (npm run sweep) load it.
import { createTranslator } from "use-intl/core";
import { catalogue, type Messages } from "./catalogue";
import { TIME_ZONE, type Locale } from "./locales";

export function translator<Namespace extends keyof Messages>(locale: Locale, namespace: Namespace) {
  return createTranslator({ locale, messages: catalogue(locale), namespace, timeZone: TIME_ZONE });
}
