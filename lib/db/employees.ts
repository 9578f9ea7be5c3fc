import "server-only";
import { prisma } from "./client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

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

export const EMPLOYEE_PAGE_SIZE = 50;

export type EmployeeQuery = {
  /** Free text: every word must match the name, email, internal id, or (digits) the EasyFreelance id. */
  q?: string;
  /** The latest session's status; "none" for employees never sent a verification. */
  status?: VerificationStatus | "none";
  page?: number;
  pageSize?: number;
};

function searchWhere(query: EmployeeQuery): Prisma.EmployeeWhereInput {
  const words = (query.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 5);
  const and: Prisma.EmployeeWhereInput[] = words.map((word) => {
    // ILIKE on each column is served by its trigram index (pg_trgm); ids match exactly.
    // Prisma passes LIKE wildcards through: escape them so the input is plain text.
    const text = { contains: word.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
    const or: Prisma.EmployeeWhereInput[] = [{ firstName: text }, { lastName: text }, { email: text }, { internalId: text }];
    if (/^\d{1,9}$/.test(word)) or.push({ efUserId: Number(word) });
    return { OR: or };
  });
  if (query.status) and.push({ latestStatus: query.status === "none" ? null : query.status });
  return { AND: and };
}

/** One page of the Employees list, searched and filtered in the database (indexed for 100,000 rows). */
export async function searchEmployees(query: EmployeeQuery) {
  const pageSize = query.pageSize ?? EMPLOYEE_PAGE_SIZE;
  const where = searchWhere(query);
  const total = await prisma().employee.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const employees = await prisma().employee.findMany({
    where,
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      internalId: true,
      sessions: latestSession,
    },
  });
  return {
    employees: employees.map(({ sessions, ...employee }) => ({ ...employee, latestSession: sessions[0] ?? null })),
    total,
    page,
    pages,
    pageSize,
  };
}

export async function findEmployee(id: string) {
  return prisma().employee.findUnique({ where: { id }, select: { id: true, efUserId: true, firstName: true, lastName: true } });
}
