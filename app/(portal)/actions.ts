"use server";

import { signOut } from "@/lib/auth";
import { sessionStaff } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/db/accounts";

// Signing out ends every session of this user (every browser and device), not only this cookie: a JWT
// cannot be recalled, so the staff row's session version moves on (lib/auth/session.ts).
export async function signOutAction() {
  const staff = await sessionStaff();
  if (staff) await signOutEverywhere(staff);
  await signOut({ redirectTo: "/login" });
}
