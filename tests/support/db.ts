import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** A unique employee per test: test files share one database and run in parallel. */
export async function createEmployee(overrides: Partial<{ efUserId: number; firstName: string }> = {}) {
  const efUserId = overrides.efUserId ?? 100_000 + randomBytes(3).readUIntBE(0, 3);
  return prisma().employee.create({
    data: {
      efUserId,
      email: `employee-${efUserId}@test.invalid`,
      firstName: overrides.firstName ?? "Test",
      lastName: `Employee ${efUserId}`,
    },
  });
}

export async function createStaff(role: "admin" | "hr" | "viewer" = "hr") {
  const id = randomBytes(4).toString("hex");
  return prisma().staffUser.create({
    data: { email: `staff-${id}@test.invalid`, name: `Staff ${id}`, role, passwordHash: "x" },
  });
}
