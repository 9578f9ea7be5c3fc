// The provider vocabulary (brand names, the same in every language; the Prisma enums' zod enums are in
// lib/forms/enums.ts) and the shape of an employee's verification fact, shared by server and client code
// (no I/O, no catalogue here: client bundles import it). Its wording in the page's language is in
// verified-text.ts. Attempts (sessions) are shown beside the fact, never instead of it.
import type { IdType, Provider } from "@/lib/generated/prisma/enums";

export const PROVIDER_LABELS: Record<Provider, string> = { veriff: "Veriff", bankid: "BankID" };

/** English only, for the history's method column until it is translated; pages use verified-text.ts. */
export const ID_TYPE_LABELS: Record<IdType, string> = { local: "Norwegian ID", international: "international ID" };

export type VerificationFact = {
  verifiedAt: Date | string | null;
  verifiedProvider: Provider | null;
  verifiedIdType?: IdType | null;
};

/** "BankID", or "Veriff (Norwegian ID)" when the kind of ID document is known. */
export function methodLabel(provider: Provider, idType?: IdType | null): string {
  return `${PROVIDER_LABELS[provider]}${idType ? ` (${ID_TYPE_LABELS[idType]})` : ""}`;
}
