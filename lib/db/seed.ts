// Demo data for the embedded default and the tests. Idempotent: safe to run on every start.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_STAFF: Array<{ email: string; name: string; role: StaffRole }> = [
  { email: "admin@demo.test", name: "Demo Admin", role: "admin" },
  { email: "hr@demo.test", name: "Demo HR", role: "hr" },
  { email: "viewer@demo.test", name: "Demo Viewer", role: "viewer" },
];

export const DEMO_EMPLOYEES = [
  { efUserId: 1001, firstName: "Ingrid", lastName: "Hansen", email: "ingrid.hansen@demo.test", internalId: "E-1001" },
  { efUserId: 1002, firstName: "Ola", lastName: "Nordmann", email: "ola.nordmann@demo.test", internalId: "E-1002" },
  { efUserId: 1003, firstName: "Kari", lastName: "Johansen", email: "kari.johansen@demo.test", internalId: "E-1003" },
  { efUserId: 1004, firstName: "Lars", lastName: "Berg", email: "lars.berg@demo.test", internalId: "E-1004" },
  { efUserId: 1005, firstName: "Amina", lastName: "Olsen", email: "amina.olsen@demo.test", internalId: "E-1005" },
  { efUserId: 1006, firstName: "Piotr", lastName: "Nowak", email: "piotr.nowak@demo.test", internalId: "E-1006" },
];

export async function seedDemoData(db: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const staff of DEMO_STAFF) {
    // Only created, never overwritten: a password changed later survives a restart.
    await db.staffUser.upsert({ where: { email: staff.email }, update: {}, create: { ...staff, passwordHash } });
  }
  for (const employee of DEMO_EMPLOYEES) {
    await db.employee.upsert({ where: { efUserId: employee.efUserId }, update: {}, create: employee });
  }
}
