import "server-only";
import { prisma } from "./client";
import { recordAudit, type AuditActor } from "./audit";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportJobStatus, ImportRowStatus } from "@/lib/generated/prisma/enums";

// The CSV import's tables (import_jobs, import_rows): lib/employees/import.ts is the only caller.

export type { ImportJobStatus, ImportRowStatus };

export type NewImportRow = {
  rowNumber: number;
  email: string;
  firstName: string;
  lastName: string;
  internalId: string;
  phone: string;
  language: string | null;
  errors: Prisma.InputJsonValue | null;
};

/** Stores an uploaded file's rows as a draft job: rows with errors are `invalid` and never sent. */
export async function createImportJob(data: { fileName: string; delimiter: string; actor: AuditActor; rows: NewImportRow[] }): Promise<string> {
  return prisma().$transaction(async (tx) => {
    const job = await tx.importJob.create({
      data: { fileName: data.fileName, delimiter: data.delimiter, createdById: data.actor?.id ?? null, createdByLabel: data.actor?.email ?? null },
      select: { id: true },
    });
    await tx.importRow.createMany({
      data: data.rows.map((row) => ({
        ...row,
        jobId: job.id,
        status: row.errors ? ("invalid" as const) : ("pending" as const),
        errors: row.errors ?? Prisma.DbNull,
      })),
    });
    return job.id;
  });
}

export type ImportCounts = Record<ImportRowStatus, number> & { total: number };

export async function importCounts(jobId: string): Promise<ImportCounts> {
  const groups = await prisma().importRow.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } });
  const counts: ImportCounts = { invalid: 0, pending: 0, in_progress: 0, added: 0, linked: 0, already_linked: 0, failed: 0, total: 0 };
  for (const group of groups) {
    counts[group.status] = group._count._all;
    counts.total += group._count._all;
  }
  return counts;
}

export async function findImportJob(id: string) {
  return prisma().importJob.findUnique({ where: { id } });
}

/** A job's rows in file order (at most MAX_IMPORT_ROWS, so one read). */
export async function importRows(jobId: string) {
  return prisma().importRow.findMany({ where: { jobId }, orderBy: { rowNumber: "asc" } });
}

export async function recentImportJobs(limit = 10) {
  return prisma().importJob.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}

/** draft → running, once (a second click, or two tabs, starts nothing twice). Audited as started. */
export async function startImportJob(id: string, actor: AuditActor, now = new Date()): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    const { count } = await tx.importJob.updateMany({ where: { id, status: "draft" }, data: { status: "running", startedAt: now } });
    if (count === 0) return false;
    const pending = await tx.importRow.count({ where: { jobId: id, status: "pending" } });
    const invalid = await tx.importRow.count({ where: { jobId: id, status: "invalid" } });
    await recordAudit({ action: "employees.import_started", actor, targetId: id, data: { rows: pending, invalid } }, tx);
    return true;
  });
}

/** A draft that will not be imported. */
export async function cancelImportJob(id: string, now = new Date()): Promise<boolean> {
  const { count } = await prisma().importJob.updateMany({ where: { id, status: "draft" }, data: { status: "cancelled", finishedAt: now } });
  return count > 0;
}

/** A row a worker holds: what the upload stored (without its errors) and the claim's fencing count. */
export type ClaimedRow = Omit<NewImportRow, "errors"> & { id: string; jobId: string; attempts: number };

/** One key for every claimer: the claim and the budget it spends are decided by one transaction at a time. */
const CLAIM_LOCK = 7_020_113;

/**
 * Claims up to `limit` rows of running jobs (oldest job first, file order), within the per-minute budget
 * shared by every worker on every instance: claims in the last minute count against `ratePerMinute` (a
 * claim is an upstream call about to be made). A row is claimed when pending and due, or in progress with
 * its lease run out (its worker died mid-row: the call is made again, which create-or-link by email makes
 * safe). FOR UPDATE SKIP LOCKED and the lease mean two workers never hold the same row; the advisory lock
 * makes the budget exact across concurrent claimers.
 */
export async function claimImportRows(options: {
  now: Date;
  limit: number;
  ratePerMinute: number;
  leaseMs: number;
  jobId?: string;
}): Promise<ClaimedRow[]> {
  const { now, leaseMs, jobId } = options;
  return prisma().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})::text`;
    let limit = options.limit;
    if (Number.isFinite(options.ratePerMinute)) {
      const [{ used }] = await tx.$queryRaw<[{ used: number }]>`
        SELECT count(*)::int AS used FROM "import_rows" WHERE "claimed_at" > ${new Date(now.getTime() - 60_000)} AND "claimed_at" <= ${now}`;
      limit = Math.min(limit, options.ratePerMinute - used);
    }
    if (limit <= 0) return [];
    const onlyJob = jobId ? Prisma.sql`AND j."id" = ${jobId}` : Prisma.empty;
    return tx.$queryRaw<ClaimedRow[]>`
      UPDATE "import_rows" AS r
      SET "status" = 'in_progress', "attempts" = r."attempts" + 1, "claimed_at" = ${now}, "lease_until" = ${new Date(now.getTime() + leaseMs)}
      WHERE r."id" IN (
        SELECT c."id" FROM "import_rows" AS c JOIN "import_jobs" AS j ON j."id" = c."job_id"
        WHERE j."status" = 'running' ${onlyJob}
          AND c."status" IN ('pending', 'in_progress')
          AND (c."lease_until" IS NULL OR c."lease_until" <= ${now})
        ORDER BY j."started_at", j."id", c."row_number"
        LIMIT ${limit}
        FOR UPDATE OF c SKIP LOCKED
      )
      RETURNING r."id", r."job_id" AS "jobId", r."row_number" AS "rowNumber", r."email", r."first_name" AS "firstName",
        r."last_name" AS "lastName", r."internal_id" AS "internalId", r."phone", r."language", r."attempts"`;
  });
}

/** The row's outcome, only from the worker that still holds it (same attempt, still in progress). */
export async function completeImportRow(
  row: Pick<ClaimedRow, "id" | "attempts">,
  outcome: { status: "added" | "linked" | "already_linked" | "failed"; employeeId?: string; efUserId?: number; errors?: Prisma.InputJsonValue },
  now = new Date(),
): Promise<boolean> {
  const { count } = await prisma().importRow.updateMany({
    where: { id: row.id, attempts: row.attempts, status: "in_progress" },
    data: {
      status: outcome.status,
      employeeId: outcome.employeeId ?? null,
      efUserId: outcome.efUserId ?? null,
      errors: outcome.errors ?? Prisma.DbNull,
      leaseUntil: null,
      finishedAt: now,
    },
  });
  return count > 0;
}

/** Back to pending, not before `notBefore` (EasyFreelance timed out, was unreachable or limited us). */
export async function retryImportRowLater(
  row: Pick<ClaimedRow, "id" | "attempts">,
  notBefore: Date,
  errors: Prisma.InputJsonValue | null,
  options: { notAnAttempt?: boolean } = {},
): Promise<boolean> {
  const { count } = await prisma().importRow.updateMany({
    where: { id: row.id, attempts: row.attempts, status: "in_progress" },
    // notAnAttempt: nothing was sent (the shared budget held the call back), so it does not use up a retry.
    data: {
      status: "pending",
      leaseUntil: notBefore,
      errors: errors ?? Prisma.DbNull,
      ...(options.notAnAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
  return count > 0;
}

/** Running jobs with no row left to do become done, once; audited as finished (and rows failed, if any). */
export async function finishImportJobs(now = new Date(), jobId?: string): Promise<string[]> {
  return prisma().$transaction(async (tx) => {
    const onlyJob = jobId ? Prisma.sql`AND j."id" = ${jobId}` : Prisma.empty;
    const finished = await tx.$queryRaw<Array<{ id: string; createdById: string | null; createdByLabel: string | null }>>`
      UPDATE "import_jobs" AS j SET "status" = 'done', "finished_at" = ${now}
      WHERE j."status" = 'running' ${onlyJob}
        AND NOT EXISTS (SELECT 1 FROM "import_rows" AS r WHERE r."job_id" = j."id" AND r."status" IN ('pending', 'in_progress'))
      RETURNING j."id", j."created_by_id" AS "createdById", j."created_by_label" AS "createdByLabel"`;
    for (const job of finished) {
      const groups = await tx.importRow.groupBy({ by: ["status"], where: { jobId: job.id }, _count: { _all: true } });
      const counts = Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
      // The job's owner is the actor: the sweep or page that happened to finish it acts for them.
      const actor = job.createdById && job.createdByLabel ? { id: job.createdById, email: job.createdByLabel } : null;
      await recordAudit({ action: "employees.import_finished", actor, targetId: job.id, data: counts }, tx);
      if (counts.failed) {
        const failed = await tx.importRow.findMany({
          where: { jobId: job.id, status: "failed" },
          select: { rowNumber: true },
          orderBy: { rowNumber: "asc" },
        });
        await recordAudit(
          {
            action: "employees.import_rows_failed",
            actor,
            targetId: job.id,
            data: { count: failed.length, rows: failed.map((row) => row.rowNumber) },
          },
          tx,
        );
      }
    }
    return finished.map((job) => job.id);
  });
}

/** The portal's employee with this email (case ignored), else with this internal id: the import links nobody twice. */
export async function findEmployeeForImport(email: string, internalId: string): Promise<{ id: string; efUserId: number } | null> {
  const [match] = await prisma().$queryRaw<Array<{ id: string; efUserId: number }>>`
    SELECT "id", "ef_user_id" AS "efUserId" FROM "employees"
    WHERE lower("email") = lower(${email}) OR (${internalId} <> '' AND "internal_id" = ${internalId})
    ORDER BY lower("email") = lower(${email}) DESC, "archived_at" IS NOT NULL, "created_at" LIMIT 1`;
  return match ?? null;
}

/** Whether a running job still has rows to do (due now or later). */
export async function hasOpenImportRows(jobId?: string): Promise<boolean> {
  const row = await prisma().importRow.findFirst({
    where: { status: { in: ["pending", "in_progress"] }, job: { status: "running", ...(jobId ? { id: jobId } : {}) } },
    select: { id: true },
  });
  return row !== null;
}

/** The dry run's "already in the portal": a job's pending rows whose email or internal id an employee already has. */
export async function importRowsAlreadyInPortal(jobId: string): Promise<Set<string>> {
  const rows = await prisma().$queryRaw<Array<{ id: string }>>`
    SELECT r."id" FROM "import_rows" AS r
    WHERE r."job_id" = ${jobId} AND r."status" = 'pending'
      AND EXISTS (SELECT 1 FROM "employees" AS e
                  WHERE lower(e."email") = lower(r."email") OR (r."internal_id" <> '' AND e."internal_id" = r."internal_id"))`;
  return new Set(rows.map((row) => row.id));
}
