import { getLocale, getTranslations } from "next-intl/server";
import { chooseLanguage } from "@/app/status/actions";
import { LOCALES } from "@/lib/i18n/locales";

/**
 * Norsk / English on the employee's pages. A plain form with a server action: it works before (and without)
 * JavaScript, and the page comes back in the chosen language, remembered in the `locale` cookie.
 */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("languageSwitch")]);
  return (
    <form action={chooseLanguage} aria-label={t("label")} className="flex gap-1 text-sm">
      {LOCALES.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
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
