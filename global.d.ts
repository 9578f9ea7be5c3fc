import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/catalogue";

// next-intl checks every key the code uses against the English catalogue at `tsc` time.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
