import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, type Locale } from "./locales";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Sets the `locale` cookie where cookies may be set (a server action or a route handler, e.g. during
 * sign-in); httpOnly, since only the server reads it. Answers whether it changed.
 */
export async function setLocaleCookie(locale: Locale): Promise<boolean> {
  const store = await cookies();
  if (store.get(LOCALE_COOKIE)?.value === locale) return false;
  store.set(LOCALE_COOKIE, locale, { path: "/", maxAge: YEAR_SECONDS, sameSite: "lax", httpOnly: true });
  return true;
}

/** After a staff member signs in: their saved language, if any, becomes this browser's. */
export async function applyStaffLocale(staffId: string | undefined): Promise<void> {
  if (!staffId) return;
  const { findStaffLocale } = await import("@/lib/db/staff");
  const saved = await findStaffLocale(staffId);
  if (saved) await setLocaleCookie(saved);
}
