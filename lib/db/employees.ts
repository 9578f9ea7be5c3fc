import "server-only";
import { prisma } from "./client";

const latestSession = {
  orderBy: { createdAt: "desc" },
  take: 1,
  select: {
    id: true,
    reference: true,
    status: true,
    provider: true,
    idType: true,
    statusChangedAt: true,
    verificationUrl: true,
    expiresAt: true,
  },
} as const;

export async function listEmployeesWithLatestSession() {
  const employees = await prisma().employee.findMany({
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      sessions: latestSession,
    },
  });
  return employees.map(({ sessions, ...employee }) => ({ ...employee, latestSession: sessions[0] ?? null }));
}

export type EmployeeRow = Awaited<ReturnType<typeof listEmployeesWithLatestSession>>[number];

export async function findEmployee(id: string) {
  return prisma().employee.findUnique({ where: { id }, select: { id: true, efUserId: true, firstName: true, lastName: true } });
}
