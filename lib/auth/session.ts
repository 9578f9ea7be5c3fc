import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "./index";
import { findActiveStaff, type StaffIdentity } from "@/lib/db/staff";
import { ANY_STAFF, type StaffRole } from "./roles";

export type { StaffIdentity };

/** The signed-in, still-active staff member, or null. Cached per request. */
export const currentStaff = cache(async (): Promise<StaffIdentity | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? findActiveStaff(id) : null;
});

export function hasRole(staff: StaffIdentity, roles: readonly StaffRole[]): boolean {
  return roles.includes(staff.role);
}

/** For pages: sends anonymous visitors to sign in and under-privileged staff to the employee list. */
export async function requireStaff(roles: readonly StaffRole[] = ANY_STAFF): Promise<StaffIdentity> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (!hasRole(staff, roles)) redirect("/employees?denied=1");
  return staff;
}
