// The provider and ID-type vocabulary (labels of the Prisma enums; their zod enums are in
// lib/forms/enums.ts) and the verification fact of an employee ("Verified 26 Nov 2026 with BankID"),
// shared by server and client code (no I/O here). Attempts (sessions) are shown beside it, never instead of it.
import type { IdType, Provider } from "@/lib/generated/prisma/enums";
import { formatDate } from "@/lib/format/dates";

export const PROVIDER_LABELS: Record<Provider, string> = { veriff: "Veriff", bankid: "BankID" };

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

/** "26 Nov 2026 with BankID" — or with Veriff and the kind of ID document. */
export function describeVerification(fact: VerificationFact): string {
  if (!fact.verifiedAt) return "not verified";
  const method = fact.verifiedProvider ? ` with ${methodLabel(fact.verifiedProvider, fact.verifiedIdType)}` : "";
  return `${formatDate(fact.verifiedAt, "date")}${method}`;
}
