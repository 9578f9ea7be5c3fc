import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { AuditActor } from "@/lib/db/audit";
import {
  claimImportRows,
  completeImportRow,
  createImportJob,
  findEmployeeForImport,
  finishImportJobs,
  hasOpenImportRows,
  retryImportRowLater,
  type ClaimedRow,
} from "@/lib/db/imports";
import { IMPORT_COLUMNS, parseImportCsv, toUpsertInput, type FileErrorCode, type ImportColumn, type RowError } from "./import-csv";
import { createOrLinkEmployee } from "./service";
import { BACKGROUND } from "@/lib/easyfreelance/budget";

// CSV import of employees (issue 13). An upload becomes a draft job (the dry run); Start makes it running; the
// rows are then worked through in the background, a few at a time, by whoever calls processImportSlice: the
// import page while it is open (a small slice per poll) and the scheduled sweep (lib/verification/sweep.ts).
// Everything is in PostgreSQL, so a closed tab or a redeploy loses nothing: the next caller carries on.
// Each row goes through Add employee's create-or-link (POST /users, which matches on email), so a row done
// twice after a crash links the same user; a row whose email or internal id is already in the portal is
// "already linked" and nothing is sent.

/** A claimed row is its worker's for this long; then another worker may take it (the first one died). */
export const IMPORT_LEASE_MS = 2 * 60_000;
/** Timeouts, network errors, 5xx and 429s are tried again this many times in all, then the row fails. */
export const IMPORT_MAX_ATTEMPTS = 3;
/** A retried row waits at least a minute (and at least EasyFreelance's Retry-After). */
const RETRY_DELAY_MS = 60_000;
/** Rows worked on at once by one caller. */
const CONCURRENCY = 4;

export type UploadResult = { ok: true; jobId: string } | { ok: false; code: FileErrorCode; line?: number };

/** The dry run: reads the file and stores every row with its errors as a draft job. Nothing is sent. */
export async function createImportFromFile(file: { name: string; bytes: Uint8Array }, actor: AuditActor): Promise<UploadResult> {
  const parsed = parseImportCsv(file.bytes);
  if (!parsed.ok) return parsed;
  const jobId = await createImportJob({
    fileName: file.name.slice(0, 255) || "import.csv",
    delimiter: parsed.delimiter,
    actor,
    rows: parsed.rows.map((row) => ({ rowNumber: row.rowNumber, ...row.values, errors: row.errors.length ? row.errors : null })),
  });
  return { ok: true, jobId };
}

export type SliceOptions = {
  /** How long this caller may work (ms). */
  budgetMs: number;
  /** A fixed clock (tests); otherwise the wall clock at each claim. */
  now?: Date;
  /** EasyFreelance calls a minute for all workers together; default IMPORT_RATE_PER_MINUTE. Infinity: unpaced (benchmarks). */
  ratePerMinute?: number;
  /** Only this job (the page works on the job it shows). */
  jobId?: string;
  /** When the minute's budget is spent, wait for it inside budgetMs (the sweep) instead of returning (the page). */
  waitForBudget?: boolean;
  concurrency?: number;
};

export type SliceReport = { processed: number; retried: number; finishedJobs: string[] };

/** Works on running imports for up to `budgetMs`, never faster than the per-minute budget. */
export async function processImportSlice(options: SliceOptions): Promise<SliceReport> {
  const started = Date.now();
  const ratePerMinute = options.ratePerMinute ?? env().IMPORT_RATE_PER_MINUTE;
  const report: SliceReport = { processed: 0, retried: 0, finishedJobs: [] };
  const clock = () => options.now ?? new Date();
  while (Date.now() - started < options.budgetMs) {
    const claimed = await claimImportRows({
      now: clock(),
      limit: options.concurrency ?? CONCURRENCY,
      ratePerMinute,
      leaseMs: IMPORT_LEASE_MS,
      jobId: options.jobId,
    });
    if (claimed.length === 0) {
      const left = options.budgetMs - (Date.now() - started);
      if (!options.waitForBudget || options.now || left < 1000 || !(await hasOpenImportRows(options.jobId))) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, left)));
      continue;
    }
    const outcomes = await Promise.all(claimed.map((row) => processRow(row, clock())));
    for (const outcome of outcomes) {
      if (outcome === "done") report.processed++;
      else report.retried++;
    }
    // EasyFreelance said slow down: leave the rest of its budget to HR's and employees' clicks.
    if (outcomes.includes("rate_limited")) break;
  }
  report.finishedJobs = await finishImportJobs(clock(), options.jobId);
  return report;
}

/** The sweep's hook: a few minutes of import work per run (the route may run 300 s). */
export async function importFromSweep(): Promise<SliceReport> {
  const report = await processImportSlice({ budgetMs: 200_000, waitForBudget: true });
  if (report.processed || report.retried || report.finishedJobs.length) log.info("import: sweep slice", report);
  return report;
}

type RowOutcome = "done" | "retry" | "rate_limited";

const columnOf = (field: string): ImportColumn => IMPORT_COLUMNS.find((column) => column === field) ?? "email";

async function processRow(row: ClaimedRow, now: Date): Promise<RowOutcome> {
  const existing = await findEmployeeForImport(row.email, row.internalId);
  if (existing) {
    await completeImportRow(row, { status: "already_linked", employeeId: existing.id, efUserId: existing.efUserId }, now);
    return "done";
  }
  try {
    // The language is the portal's (mail and invitations), not EasyFreelance's: it is not sent upstream.
    const values = { ...row, language: null };
    // Background work: it only takes what HR's and employees' calls leave of the shared budget.
    const linked = await createOrLinkEmployee(toUpsertInput(values), { locale: row.language, priority: BACKGROUND });
    await completeImportRow(row, { status: linked.created ? "added" : "linked", employeeId: linked.employeeId, efUserId: linked.efUserId }, now);
    return "done";
  } catch (error) {
    if (!isEasyFreelanceError(error)) throw error;
    if (error.budgetSpent) {
      await retryImportRowLater(row, new Date(now.getTime() + Math.max(RETRY_DELAY_MS, (error.retryAfterSeconds ?? 0) * 1000)), null, {
        notAnAttempt: true,
      });
      return "rate_limited";
    }
    log.warn("import: row failed", { kind: error.kind, httpStatus: error.httpStatus, attempt: row.attempts });
    if (error.kind === "validation") {
      const fields = Object.entries(error.inputFieldErrors ?? {});
      const errors: RowError[] = fields.length
        ? fields.flatMap(([field, messages]) => messages.map((detail) => ({ field: columnOf(field), code: "rejected" as const, detail })))
        : [{ field: "email", code: "rejected", detail: error.safeMessage }];
      await completeImportRow(row, { status: "failed", errors }, now);
      return "done";
    }
    const transient = ["timeout", "network", "upstream", "rate_limited"].includes(error.kind);
    const errors: RowError[] = [{ field: "email", code: "upstream", detail: error.safeMessage }];
    if (transient && row.attempts < IMPORT_MAX_ATTEMPTS) {
      const wait = Math.max(RETRY_DELAY_MS, (error.retryAfterSeconds ?? 0) * 1000);
      await retryImportRowLater(row, new Date(now.getTime() + wait), errors);
      return error.kind === "rate_limited" ? "rate_limited" : "retry";
    }
    await completeImportRow(row, { status: "failed", errors }, now);
    return "done";
  }
}
