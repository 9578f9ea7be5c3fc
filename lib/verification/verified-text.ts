import "server-only";
// The verification fact in words, in the reader's language: "26. nov. 2026 med BankID", "26 Nov 2026 with
// Veriff (Norwegian ID)". Server-only: it reads the catalogue (verified.ts stays light for client bundles).
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format/dates";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { PROVIDER_LABELS, type VerificationFact } from "./verified";

/** "BankID", or "Veriff (Norwegian ID)" when the kind of ID document is known. */
export function methodText(provider: Provider, idType: IdType | null | undefined, locale: Locale): string {
  return idType ? `${PROVIDER_LABELS[provider]} (${translator(locale, "idType")(idType)})` : PROVIDER_LABELS[provider];
}

/** "26 Nov 2026 with BankID" — or with Veriff and the kind of ID document; "not verified" without a fact. */
export function describeVerification(fact: VerificationFact, locale: Locale): string {
  const t = translator(locale, "verify");
  if (!fact.verifiedAt) return t("fact.none");
  const date = formatDate(fact.verifiedAt, "date", locale);
  return fact.verifiedProvider ? t("fact.withMethod", { date, method: methodText(fact.verifiedProvider, fact.verifiedIdType, locale) }) : date;
}
