import "server-only";
import { EVENTS_SHOWN_PER_SESSION } from "@/lib/verification/events";
import { sessionEventFields } from "./sessions";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VerificationStatus } from "@/lib/generated/prisma/enums";

const sessionSummary = {
  id: true,
  reference: true,
  status: true,
  provider: true,
  idType: true,
  statusChangedAt: true,
  failureReason: true,
} as const;

const latestSession = { orderBy: { createdAt: "desc" }, take: 1, select: sessionSummary } as const;

export const EMPLOYEE_PAGE_SIZE = 50;

/**
 * The list's filter: `approved` and `none` are the verification fact (verified or not, whatever later
 * attempts did); another status filters by the latest attempt; `archived` lists the archived employees,
 * who are otherwise hidden.
 */
export type EmployeeFilter = VerificationStatus | "none" | "archived";

/** Ready to pay or not (employees.ready, trigger-kept: lib/verification/readiness.ts). */
export const READINESS_FILTERS = ["ready", "not_ready"] as const;
export type ReadinessFilter = (typeof READINESS_FILTERS)[number];

export type EmployeeQuery = {
  /** Free text: every word must match the name, email, internal id, or (digits) the EasyFreelance id. */
  q?: string;
  status?: EmployeeFilter;
  readiness?: ReadinessFilter;
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
  conditions.push(query.status === "archived" ? Prisma.sql`"archived_at" IS NOT NULL` : Prisma.sql`"archived_at" IS NULL`);
  if (query.status === "approved") conditions.push(Prisma.sql`"verified_at" IS NOT NULL`);
  else if (query.status === "none") conditions.push(Prisma.sql`"verified_at" IS NULL`);
  else if (query.status && query.status !== "archived") conditions.push(Prisma.sql`"latest_status" = ${query.status}::"VerificationStatus"`);
  if (query.readiness) conditions.push(Prisma.sql`"ready" = ${query.readiness === "ready"}`);
  return Prisma.join(conditions, " AND ");
}

const listedEmployeeFields = {
  id: true,
  efUserId: true,
  email: true,
  firstName: true,
  lastName: true,
  internalId: true,
  verifiedAt: true,
  verifiedProvider: true,
  verifiedIdType: true,
  verifiedSessionId: true,
  verifiedOnReplacedLink: true,
  archivedAt: true,
} as const;

/** Employees in the given order, each with the verification fact, the newest attempt and the open one (if any). */
async function employeesByIds(ids: string[]) {
  const rows = await prisma().employee.findMany({
    where: { id: { in: ids } },
    select: {
      ...listedEmployeeFields,
      sessions: latestSession,
    },
  });
  const open = await prisma().verificationSession.findMany({
    where: { employeeId: { in: ids }, status: { in: ["pending", "starting"] } },
    orderBy: { createdAt: "asc" },
    select: { ...sessionSummary, employeeId: true },
  });
  const openBy = new Map<string, (typeof open)[number]>();
  // A pending session (whose link works) wins over a start over still in flight beside it.
  for (const session of open) if (!openBy.has(session.employeeId) || session.status === "pending") openBy.set(session.employeeId, session);
  const byId = new Map(
    rows.map(({ sessions, ...row }) => [row.id, { ...row, latestSession: sessions[0] ?? null, openSession: openBy.get(row.id) ?? null }]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type ListedEmployee = Awaited<ReturnType<typeof employeesByIds>>[number];

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
  return { employees: await employeesByIds(ids.map(({ id }) => id)), total, page, pages, pageSize };
}

/**
 * Every employee matching the list's search and filter, in the list's order, a batch at a time
 * (keyset pagination), for the CSV export: the same fact and attempts as the list.
 */
export async function* exportEmployees(query: EmployeeQuery, batchSize = 1000): AsyncGenerator<ListedEmployee[]> {
  const where = searchCondition(query);
  let after: { last_name: string; first_name: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`AND ("last_name", "first_name", "id") > (${after.last_name}, ${after.first_name}, ${after.id})`
      : Prisma.empty;
    const batch: Array<{ id: string; last_name: string; first_name: string }> = await prisma().$queryRaw`
      SELECT "id", "last_name", "first_name" FROM "employees" WHERE ${where} ${keyset}
      ORDER BY "last_name", "first_name", "id" LIMIT ${batchSize}`;
    if (batch.length === 0) return;
    yield await employeesByIds(batch.map(({ id }) => id));
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1];
  }
}

export async function findEmployee(id: string) {
  return prisma().employee.findUnique({
    where: { id },
    select: {
      id: true,
      efUserId: true,
      email: true,
      firstName: true,
      lastName: true,
      verifiedAt: true,
      verifiedProvider: true,
      verifiedIdType: true,
      verifiedOnReplacedLink: true,
      archivedAt: true,
      locale: true,
    },
  });
}

export type EmployeeUpsert = {
  efUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string | null;
  onboarding: Prisma.InputJsonValue | null;
  /** The employee's language for mail and invitations, when known (a CSV import's column); otherwise kept. */
  locale?: string | null;
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
    ...(data.locale ? { locale: data.locale } : {}),
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
      ...listedEmployeeFields,
      onboarding: true,
      onboardingCheckedAt: true,
      createdAt: true,
      sessions: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          reference: true,
          replacesSessionId: true,
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
          employeeId: true,
          returnsReceived: true,
          // The first events of each attempt; all of them are on the attempt's own page (paged).
          events: { orderBy: { createdAt: "asc" }, take: EVENTS_SHOWN_PER_SESSION, select: sessionEventFields },
          _count: { select: { events: true } },
        },
      },
    },
  });
}

export type EmployeeWithHistory = NonNullable<Awaited<ReturnType<typeof findEmployeeWithHistory>>>;

/**
 * One batch of the employees matching the list's search and filter (bulk invite's "all that match"): ids in
 * id order after `after` (keyset, so a batch never repeats or skips one while invitations are being sent),
 * at most `limit`, and how many match in all.
 */
export async function matchingEmployeeIds(query: EmployeeQuery, after: string | null, limit: number): Promise<{ ids: string[]; total: number }> {
  const where = searchCondition(query);
  const keyset = after ? Prisma.sql`AND "id" > ${after}` : Prisma.empty;
  const [[{ total }], rows] = await Promise.all([
    prisma().$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS "total" FROM "employees" WHERE ${where}`,
    prisma().$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "employees" WHERE ${where} ${keyset} ORDER BY "id" LIMIT ${limit}`,
  ]);
  return { ids: rows.map(({ id }) => id), total };
}

/** What bulk invite needs to decide per employee, for many at once (one query). */
export async function findEmployeesForInvitation(ids: string[]) {
  if (ids.length === 0) return [];
  return prisma().employee.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, firstName: true, lastName: true, verifiedAt: true, archivedAt: true },
  });
}
