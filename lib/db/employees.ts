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
  return prisma().employee.findUnique({ where: { id }, select: { id: true, efUserId: true, email: true, firstName: true, lastName: true } });
}

export type EmployeeUpsert = {
  efUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string | null;
  onboarding: Prisma.InputJsonValue | null;
};

/**
 * Stores the employee EasyFreelance created or linked, keyed by EasyFreelance's user id: adding the
 * same person again updates the row instead of making a second one. Returns whether it was new.
 */
export async function upsertEmployeeByEfUserId(data: EmployeeUpsert): Promise<{ id: string; created: boolean }> {
  const now = new Date();
  const fields = {
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    internalId: data.internalId,
    onboarding: data.onboarding ?? Prisma.DbNull,
    onboardingCheckedAt: data.onboarding ? now : null,
  };
  return prisma().$transaction(async (tx) => {
    const existing = await tx.employee.findUnique({ where: { efUserId: data.efUserId }, select: { id: true } });
    const employee = await tx.employee.upsert({
      where: { efUserId: data.efUserId },
      create: { efUserId: data.efUserId, ...fields },
      update: fields,
      select: { id: true },
    });
    return { id: employee.id, created: !existing };
  });
}

/** The onboarding state read from GET /users/{id}. */
export async function saveEmployeeOnboarding(id: string, onboarding: Prisma.InputJsonValue | null, checkedAt = new Date()) {
  await prisma().employee.update({
    where: { id },
    data: { onboarding: onboarding ?? Prisma.DbNull, onboardingCheckedAt: checkedAt },
  });
}

/** Everything the employee page shows: details, and every session (newest first) with its events. */
export async function findEmployeeWithHistory(id: string) {
  return prisma().employee.findUnique({
    where: { id },
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      internalId: true,
      onboarding: true,
      onboardingCheckedAt: true,
      createdAt: true,
      archivedAt: true,
      sessions: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          efVerificationId: true,
          provider: true,
          idType: true,
          status: true,
          rawStatus: true,
          nextAction: true,
          expiresAt: true,
          completedAt: true,
          onboarding: true,
          failureReason: true,
          lastCheckedAt: true,
          statusChangedAt: true,
          createdAt: true,
          startedBy: { select: { name: true } },
          events: {
            orderBy: { createdAt: "asc" },
            select: { id: true, type: true, fromStatus: true, toStatus: true, data: true, createdAt: true },
          },
        },
      },
    },
  });
}

export type EmployeeWithHistory = NonNullable<Awaited<ReturnType<typeof findEmployeeWithHistory>>>;
