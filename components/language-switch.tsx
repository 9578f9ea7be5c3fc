import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/locales";

/**
 * Norsk / English on the employee's pages: a GET form to the page itself (`?choose=en`); proxy.ts remembers
 * the choice in the `locale` cookie, which then wins over EasyFreelance's `lang` and the browser's languages.
 * No JavaScript needed.
 */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("languageSwitch")]);
  return (
    <form method="get" aria-label={t("label")} className="flex gap-1 text-sm">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="submit"
          name="choose"
          value={option}
          lang={option}
          aria-pressed={option === locale}
          className={`min-h-11 min-w-11 rounded-md px-3 py-1.5 ${
            option === locale ? "bg-slate-900 font-medium text-white" : "text-slate-700 underline hover:bg-slate-100 hover:text-slate-950"
          }`}
        >
          {t(option)}
        </button>
      ))}
    </form>
  );
}
