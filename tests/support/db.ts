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

/**
 * The employee came back through the return URL `agoMs` ago: return-driven refresh then asks EasyFreelance
 * about the session at the next poll (STATUS_REFRESH_SECONDS is 1 in tests). By id or reference.
 */
export async function markReturned(session: { id: string } | { reference: string }, agoMs = 60_000) {
  await prisma().verificationSession.update({
    where: "id" in session ? { id: session.id } : { reference: session.reference },
    data: { lastReturnedAt: new Date(Date.now() - agoMs), returnsReceived: { increment: 1 } },
  });
}

/** Lifts a pause a 429 put on every EasyFreelance call (Retry-After), so the next test starts afresh. */
export async function resumeUpstreamCalls() {
  await prisma().$executeRaw`UPDATE "upstream_budgets" SET "paused_until" = NULL`;
  const { easyFreelanceBudget } = await import("@/lib/easyfreelance/server");
  easyFreelanceBudget().forget();
}
