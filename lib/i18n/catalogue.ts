// The two catalogues, one file per language. English is the reference shape: the Norwegian one must have
// exactly its keys (tests/i18n-catalogue.test.ts), and TypeScript checks every key the code uses (global.d.ts).
import en from "./messages/en.json";
import nb from "./messages/nb.json";
import type { Locale } from "./locales";

export type Messages = typeof en;
const CATALOGUES: Record<Locale, Messages> = { en, nb };

export function catalogue(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** Only the named top-level namespaces: what a page's client components need, and no more. */
export function pickNamespaces<K extends keyof Messages>(locale: Locale, namespaces: readonly K[]): Pick<Messages, K> {
  const all = catalogue(locale);
  return Object.fromEntries(namespaces.map((ns) => [ns, all[ns]])) as Pick<Messages, K>;
}

/** A page's client island with its own namespace: the portal's ones plus it (a nested provider replaces, not merges). */
export function portalClientMessages<K extends keyof Messages>(locale: Locale, extra: readonly K[]) {
  return pickNamespaces(locale, [...PORTAL_CLIENT_NAMESPACES, ...extra]);
}

/** What the signed-in portal's client components may read: the root's `errors` and the shared vocabulary. */
// HR's own: `dialog` (every dialog's Close), `verify` (the Verify dialog on the list and the employee's
// page), `employees` (live statuses, the erased notice) and `employee` (onboarding refresh). Pages with client
// components of their own add their namespace (settings, addEmployee, corrections) where they render them.
export const PORTAL_CLIENT_NAMESPACES = [
  "errors",
  "status",
  "provider",
  "idType",
  "onboardingStep",
  "dialog",
  "verify",
  "employees",
  "employee",
  "invitations",
  "bulkInvite",
] as const satisfies readonly (keyof Messages)[];
