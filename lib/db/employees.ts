import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
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

/**
 * The list's filter as SQL. Raw on purpose: it must match the trigram expression index, and Prisma's
 * `contains` sends `ILIKE ('%' || $1 || '%')`, which the planner cannot estimate (it scanned all 100,000 rows).
 */
function searchCondition(query: EmployeeQuery): Prisma.Sql {
  const words = (query.q ?? "").trim().split(/\s+/).filter(Boolean).slice(0, 5);
  const conditions = words.map((word) => {
    // LIKE wildcards in the input are text, not patterns.
    const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, "\\$&")}%`;
    // Exactly the expression of employees_search_trgm_idx, so the index serves it.
    const text = Prisma.sql`(lower("first_name" || ' ' || "last_name" || ' ' || "email" || ' ' || coalesce("internal_id", '')) LIKE ${pattern}`;
    return /^\d{1,9}$/.test(word) ? Prisma.sql`${text} OR "ef_user_id" = ${Number(word)})` : Prisma.sql`${text})`;
  });
  if (query.status === "none") conditions.push(Prisma.sql`"latest_status" IS NULL`);
  else if (query.status) conditions.push(Prisma.sql`"latest_status" = ${query.status}::"VerificationStatus"`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/** One page of the Employees list, searched and filtered in the database (indexed for 100,000 rows). */
export async function searchEmployees(query: EmployeeQuery) {
  const pageSize = query.pageSize ?? EMPLOYEE_PAGE_SIZE;
  const where = searchCondition(query);
  const [{ total }] = await prisma().$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS "total" FROM "employees" WHERE ${where}`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const ids = await prisma().$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "employees" WHERE ${where}
    ORDER BY "last_name", "first_name", "id" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const rows = await prisma().employee.findMany({
    where: { id: { in: ids.map(({ id }) => id) } },
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
  const byId = new Map(rows.map((row) => [row.id, row]));
  const employees = ids.flatMap(({ id }) => byId.get(id) ?? []);
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
