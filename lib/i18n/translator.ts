// A translator for code that runs outside a component (domain services answering an action, CSV exports):
// the same catalogue as the pages, in the language the caller passes (an action reads it with getLocale()).
import { createTranslator } from "next-intl";
import { catalogue, type Messages } from "./catalogue";
import { TIME_ZONE, type Locale } from "./locales";

export function translator<Namespace extends keyof Messages>(locale: Locale, namespace: Namespace) {
  return createTranslator({ locale, messages: catalogue(locale), namespace, timeZone: TIME_ZONE });
}
