import { describe, expect, it } from "vitest";
import { negotiateAcceptLanguage, resolveLocale, toLocale } from "@/lib/i18n/locales";

describe("choosing a page's language", () => {
  it("reads Norwegian in any written form as bokmål, English in any region as English", () => {
    expect(["nb", "nb-NO", "no", "nn_NO", "NB"].map(toLocale)).toEqual(["nb", "nb", "nb", "nb", "nb"]);
    expect(["en", "en-GB", "EN-us"].map(toLocale)).toEqual(["en", "en", "en"]);
    expect(["de", "", null, "xx-nb"].map(toLocale)).toEqual([null, null, null, null]);
  });

  it("negotiates Accept-Language by quality, then by order", () => {
    expect(negotiateAcceptLanguage("de-DE,de;q=0.9,en;q=0.8,nb;q=0.7")).toBe("en");
    expect(negotiateAcceptLanguage("en;q=0.5, nb-NO")).toBe("nb");
    expect(negotiateAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(negotiateAcceptLanguage("fr, de;q=0.5")).toBeNull();
    expect(negotiateAcceptLanguage("nb;q=0, en;q=0.1")).toBe("en");
    expect(negotiateAcceptLanguage(undefined)).toBeNull();
  });

  it("follows the order: choice > lang parameter > browser > default", () => {
    const all = { cookie: "en", langParam: "nb", acceptLanguage: "nb", fallback: "nb" } as const;
    expect(resolveLocale(all)).toBe("en");
    expect(resolveLocale({ ...all, cookie: null })).toBe("nb");
    expect(resolveLocale({ ...all, cookie: "garbage", langParam: "en" })).toBe("en");
    expect(resolveLocale({ cookie: null, langParam: null, acceptLanguage: "en-GB", fallback: "nb" })).toBe("en");
    expect(resolveLocale({ cookie: null, langParam: "zz", acceptLanguage: "fr", fallback: "nb" })).toBe("nb");
    expect(resolveLocale({ fallback: "en" })).toBe("en");
  });
});
