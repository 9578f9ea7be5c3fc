"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";
import { sessionStaff } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/db/accounts";
import { staffAction } from "@/lib/auth/action";
import { ANY_STAFF } from "@/lib/auth/roles";
import { findStaffLocale, saveStaffLocale } from "@/lib/db/staff";
import { LOCALES } from "@/lib/i18n/locales";
import { setLocaleCookie } from "@/lib/i18n/locale-cookie";

// Signing out ends every session of this user (every browser and device), not only this cookie: a JWT
// cannot be recalled, so the staff row's session version moves on (lib/auth/session.ts).
export async function signOutAction() {
  const staff = await sessionStaff();
  if (staff) await signOutEverywhere(staff);
  await signOut({ redirectTo: "/login" });
}

const setLanguageSchema = z.object({ locale: z.enum(LOCALES) });

/** The header's Norsk | English: saved on the staff member (it follows them to any browser) and in the cookie. */
export const setLanguageAction = staffAction({ roles: ANY_STAFF, schema: setLanguageSchema, pendingAccountStep: true }, async ({ locale }, staff) => {
  await saveStaffLocale(staff.id, locale);
  await setLocaleCookie(locale);
  revalidatePath("/", "layout");
  return { ok: true, data: { locale } };
});

/** The layout's sync: this browser's cookie takes the signed-in staff member's saved language. */
export const syncLanguageCookieAction = staffAction({ roles: ANY_STAFF, schema: z.object({}), pendingAccountStep: true }, async (_input, staff) => {
  const saved = await findStaffLocale(staff.id);
  return { ok: true, data: { changed: saved !== null && (await setLocaleCookie(saved)) } };
});
