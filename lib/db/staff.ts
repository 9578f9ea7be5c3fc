import "server-only";
import { prisma } from "./client";
import type { StaffRole } from "@/lib/generated/prisma/enums";

export type StaffIdentity = { id: string; email: string; name: string; role: StaffRole };

const identity = { id: true, email: true, name: true, role: true } as const;

/** For sign-in only: the one query that reads a password hash. */
export async function findStaffCredentials(email: string) {
  return prisma().staffUser.findFirst({
    where: { email: email.toLowerCase(), active: true },
    select: { ...identity, passwordHash: true },
  });
}

/** The staff member behind a session, or null when deleted or deactivated since sign-in. */
export async function findActiveStaff(id: string): Promise<StaffIdentity | null> {
  return prisma().staffUser.findFirst({ where: { id, active: true }, select: identity });
}
