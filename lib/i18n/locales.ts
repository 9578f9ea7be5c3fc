// The portal's languages and how a request's language is chosen. Pure: shared by proxy, server and tests.
export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Cookie holding the language a person chose (the switch on public pages; a staff user's saved preference). */
export const LOCALE_COOKIE = "locale";
/** Request header proxy.ts sets from a page URL's `lang` parameter (EasyFreelance appends `lang=nb`). */
export const LANG_HINT_HEADER = "x-portal-lang";
/** Dates and times are shown in Norway's time zone whatever the server's or the browser's. */
export const TIME_ZONE = "Europe/Oslo";

// Norwegian in any written form (nb, nn, no) reads bokmål here; English in any region reads English.
const ALIASES: Record<string, Locale> = { nb: "nb", no: "nb", nn: "nb", en: "en" };

/** A supported locale for a tag like "nb-NO", "no", "en_GB" or "EN"; null for anything else. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return ALIASES[primary] ?? null;
}

/** The best supported language of an Accept-Language header, by its q-values (RFC 9110 §12.5.4). */
export function negotiateAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 32) // a header is the caller's: bound the work
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { locale: toLocale(tag), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((x) => x.locale !== null && x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked[0]?.locale ?? null;
}

/** The order: a person's choice > EasyFreelance's `lang` > the browser > the portal's default. */
export function resolveLocale(input: {
  cookie?: string | null;
  langParam?: string | null;
  acceptLanguage?: string | null;
  fallback: Locale;
}): Locale {
  return toLocale(input.cookie) ?? toLocale(input.langParam) ?? negotiateAcceptLanguage(input.acceptLanguage) ?? input.fallback;
}
