import pg from "pg";
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

/** One query on its own connection (for databases other than the tests' own: scratch ones, or through a pooler). */
export async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}
