// The signed-in portal's header: on a wide screen the links, the staff member and the language in one row;
// at phone width (below `md`) they fold into one <details> menu so nothing runs off a 360 px screen.
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { hasRole, type StaffIdentity } from "@/lib/auth/session";
import { LOCALES } from "@/lib/i18n/locales";
import { signOutAction, setLanguageAction } from "@/app/(portal)/actions";
import { Button } from "./ui/button";
import { NavMenu } from "./nav-menu";

// What each language is called in itself: a Norwegian finds "Norsk" on an English page and vice versa.
const LANGUAGE_NAMES = { nb: "Norsk", en: "English" } as const;

async function NavLinks({ staff, className }: { staff: StaffIdentity; className: string }) {
  const t = await getTranslations("nav");
  const links = [{ href: "/employees", label: t("employees") }];
  if (hasRole(staff, ADMIN_ONLY)) {
    links.push({ href: "/staff", label: t("staff") }, { href: "/audit", label: t("audit") }, { href: "/settings", label: t("settings") });
  }
  return (
    <ul className={className}>
      {links.map((link) => (
        <li key={link.href}>
          <Link href={link.href} className="block py-1 text-sm text-slate-700 underline-offset-2 hover:text-slate-950 hover:underline">
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

// A plain <form action> (no client state), so the choice works before any JavaScript has loaded; the
// checks are setLanguageAction's.
async function chooseLanguage(data: FormData) {
  "use server";
  await setLanguageAction(null, data);
}

/** Norsk | English: each a submit button of the one form, the current one marked. */
async function LanguageChoice() {
  const [t, locale] = await Promise.all([getTranslations("nav"), getLocale()]);
  return (
    <form action={chooseLanguage} className="flex items-center gap-1 text-sm" aria-label={t("language")}>
      {LOCALES.map((choice) => (
        <button
          key={choice}
          type="submit"
          name="locale"
          value={choice}
          lang={choice}
          aria-pressed={choice === locale}
          className={
            choice === locale
              ? "rounded-md bg-slate-900 px-2 py-1 font-medium text-white"
              : "rounded-md px-2 py-1 text-slate-700 underline underline-offset-2 hover:bg-slate-100"
          }
        >
          {LANGUAGE_NAMES[choice]}
        </button>
      ))}
    </form>
  );
}

async function Account({ staff }: { staff: StaffIdentity }) {
  const [t, tAccount, tRole] = await Promise.all([getTranslations("nav"), getTranslations("account"), getTranslations("role")]);
  return (
    <>
      <span className="text-sm text-slate-600" data-testid="signed-in-as">
        {staff.name} <span className="text-slate-500">({tRole(staff.role)})</span>
      </span>
      <Link href="/account" className="text-sm text-slate-700 underline-offset-2 hover:text-slate-950 hover:underline">
        {tAccount("nav")}
      </Link>
      <LanguageChoice />
      <form action={signOutAction}>
        <Button type="submit" variant="link" className="text-sm">
          {t("signOut")}
        </Button>
      </form>
    </>
  );
}

export async function PortalHeader({ staff }: { staff: StaffIdentity }) {
  const t = await getTranslations("nav");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <nav aria-label={t("main")} className="flex min-w-0 items-center gap-x-6">
          <Link href="/employees" className="truncate font-semibold">
            {t("brand")}
          </Link>
          <NavLinks staff={staff} className="hidden items-center gap-x-6 md:flex" />
        </nav>
        <div className="hidden items-center gap-4 md:flex">
          <Account staff={staff} />
        </div>
        <NavMenu label={t("menu")}>
          <NavLinks staff={staff} className="flex flex-col gap-1 border-b border-slate-200 pb-2" />
          <div className="flex flex-col items-start gap-2 pt-2">
            <Account staff={staff} />
          </div>
        </NavMenu>
      </div>
    </header>
  );
}
