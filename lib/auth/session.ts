import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth, readSessionCookie } from "./index";
import { env } from "@/lib/env";
import { findSessionStaff, type SessionStaff, type StaffIdentity } from "@/lib/db/staff";
import { ANY_STAFF, StaffRole } from "./roles";

export type { SessionStaff, StaffIdentity };

/**
 * The signed-in staff member behind the session cookie, whatever they must still do (change a temporary
 * password, enrol a second factor), or null. The cookie holds the staff id and the `session_version` it was
 * issued under; one primary-key read checks both against the row (plus the active flag), so signing out,
 * a password change or reset and deactivation end every older cookie at its next request. Cached per request.
 */
export const sessionStaff = cache(async (): Promise<SessionStaff | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const version = session?.user?.sessionVersion;
  if (!id || typeof version !== "number") return null;
  return findSessionStaff(id, version);
});

/**
 * sessionStaff for server actions (lib/auth/action.ts): the same cookie and the same row check, with the
 * cookie decoded directly instead of through Auth.js's request cycle (readSessionCookie). Cached per request.
 */
export const actionSessionStaff = cache(async (): Promise<SessionStaff | null> => {
  const session = await readSessionCookie();
  return session ? findSessionStaff(session.id, session.sessionVersion) : null;
});

export type AccountStep = "change_password" | "enrol_second_factor";

/** What must happen on the Account page before the rest of the portal opens, if anything. */
export function pendingAccountStep(staff: SessionStaff): AccountStep | null {
  if (staff.mustChangePassword) return "change_password";
  if (staff.role === StaffRole.admin && !staff.secondFactor && env().REQUIRE_ADMIN_2FA) return "enrol_second_factor";
  return null;
}

function identityOf(staff: SessionStaff): StaffIdentity {
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
}

/** The signed-in, still-active staff member with nothing pending on their account, or null. Cached per request. */
export const currentStaff = cache(async (): Promise<StaffIdentity | null> => {
  const staff = await sessionStaff();
  return staff && !pendingAccountStep(staff) ? identityOf(staff) : null;
});

export function hasRole(staff: StaffIdentity, roles: readonly StaffRole[]): boolean {
  return roles.includes(staff.role);
}

/**
 * For pages: sends anonymous visitors to sign in, staff with a pending account step to the Account page and
 * under-privileged staff to the employee list.
 */
export async function requireStaff(roles: readonly StaffRole[] = ANY_STAFF): Promise<StaffIdentity> {
  const staff = await sessionStaff();
  if (!staff) redirect("/login");
  if (pendingAccountStep(staff)) redirect("/account");
  if (!hasRole(staff, roles)) redirect("/employees?denied=1");
  return identityOf(staff);
}

/** For the Account page and the portal's frame: any signed-in staff member, pending steps included. */
export async function requireSignedIn(): Promise<SessionStaff> {
  const staff = await sessionStaff();
  if (!staff) redirect("/login");
  return staff;
}
