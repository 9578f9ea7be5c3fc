// The verification fact of an employee ("Verified 26 Nov 2026 with BankID"), shared by server and
// client code (no I/O here). Attempts (sessions) are shown beside it, never instead of it.
import type { IdType, Provider } from "@/lib/generated/prisma/enums";

export const PROVIDER_LABELS: Record<Provider, string> = { veriff: "Veriff", bankid: "BankID" };

export const ID_TYPE_LABELS: Record<IdType, string> = { local: "Norwegian ID", international: "international ID" };

export type VerificationFact = {
  verifiedAt: Date | string | null;
  verifiedProvider: Provider | null;
  verifiedIdType?: IdType | null;
};

const dateFormatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/Oslo" });

export function formatVerifiedDate(at: Date | string): string {
  return dateFormatter.format(new Date(at));
}

/** "26 Nov 2026 with BankID" — or with Veriff and the kind of ID document. */
export function describeVerification(fact: VerificationFact): string {
  if (!fact.verifiedAt) return "not verified";
  const method = fact.verifiedProvider
    ? ` with ${PROVIDER_LABELS[fact.verifiedProvider]}${fact.verifiedIdType ? ` (${ID_TYPE_LABELS[fact.verifiedIdType]})` : ""}`
    : "";
  return `${formatVerifiedDate(fact.verifiedAt)}${method}`;
}
