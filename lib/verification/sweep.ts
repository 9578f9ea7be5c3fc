import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { abandonStartingSession } from "@/lib/db/sessions";
import { findSessionsToSweep, findStaleStartingSessions, pruneRedirectEvidence } from "@/lib/db/sweep";
import { pruneRateLimitCounters } from "@/lib/db/rate-limits";
import { pruneAuditEvents } from "@/lib/db/audit";
import { STALE_START_MS } from "./service";
import { refreshSessionReporting } from "./status-refresh";
import { sendDueReminders } from "./invitations";
import { importFromSweep } from "@/lib/employees/import";

// The scheduled sweep (Vercel Cron → app/api/cron/sweep/route.ts, or `npm run sweep`): the housekeeping no
// page does. Idempotent and safe to run concurrently: every step is a conditional UPDATE/DELETE or goes
// through refreshSession's claim, so two sweeps never refresh the same session twice.

export type SweepReport = {
  /** Sessions whose status this sweep took from EasyFreelance. */
  refreshed: number;
  /** Of those, sessions that became expired (past expires_at and still pending). */
  expired: number;
  /** The shared EasyFreelance budget had no room left for background work: the rest waits for the next sweep. */
  budgetSpent: boolean;
  /** Starts still "starting" past the start deadline, marked failed. */
  abandoned: number;
  countersPruned: number;
  /** Returns whose query string (evidence) was dropped under RETENTION_DAYS. */
  eventsPruned: number;
  /** Staff and sign-in events deleted under RETENTION_DAYS. */
  auditPruned: number;
  /** Invitation reminders sent, and claimed but not delivered (recorded on the invitation for HR). */
  reminded: number;
  remindersFailed: number;
};

/** A session no page has checked for this long is refreshed by the sweep. */
export const SWEEP_STALE_MS = 5 * 60_000;
/** Rate-limit counters are deleted this long after their window could last have mattered. */
const COUNTER_GRACE_MS = 24 * 60 * 60_000;
/** At most this many upstream calls at once, so one sweep stays well inside EasyFreelance's rate limits. */
const REFRESH_CONCURRENCY = 4;
const DAY_MS = 24 * 60 * 60_000;

export type SweepOptions = {
  now?: Date;
  refreshLimit?: number;
  retentionDays?: number | null;
  /** Only these employees' sessions (tests share one database; a targeted run). Counters and retention are global. */
  employeeIds?: string[];
};

export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const config = env();
  const now = options.now ?? new Date();
  const refreshLimit = options.refreshLimit ?? config.SWEEP_REFRESH_LIMIT;
  const retentionDays = options.retentionDays === undefined ? config.RETENTION_DAYS : options.retentionDays;
  const report: SweepReport = {
    refreshed: 0,
    expired: 0,
    budgetSpent: false,
    abandoned: 0,
    countersPruned: 0,
    eventsPruned: 0,
    auditPruned: 0,
    reminded: 0,
    remindersFailed: 0,
  };

  // 1. Starts that died mid-call: they would block the employee's next start until someone clicked Verify.
  for (const id of await findStaleStartingSessions(new Date(now.getTime() - STALE_START_MS), 500, options.employeeIds)) {
    if (await abandonStartingSession(id)) report.abandoned++;
  }

  // 2. Open sessions no page asks about (no return yet, or unchecked for minutes): refreshed (and expired past
  // expires_at) through the coalesced path.
  const candidates = await findSessionsToSweep(now, new Date(now.getTime() - SWEEP_STALE_MS), refreshLimit, options.employeeIds);
  let next = 0;
  const worker = async () => {
    while (next < candidates.length && !report.budgetSpent) {
      const session = candidates[next++];
      // Background: it takes only what people leave of the shared budget, and stops when that is spent.
      const result = await refreshSessionReporting(session, now, { background: true });
      if (result.outcome === "budget_spent") report.budgetSpent = true;
      if (result.outcome !== "refreshed") continue;
      report.refreshed++;
      if (result.session.status === "expired" && session.status !== "expired") report.expired++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, candidates.length) }, worker));

  // 2b. Invitation reminders (weekdays 08:00–18:00 Oslo only; claimed in SQL, so overlapping sweeps never send one twice).
  const reminders = await sendDueReminders(now, { employeeIds: options.employeeIds });
  report.reminded = reminders.reminded;
  report.remindersFailed = reminders.failed;

  // 3. Rate-limit counters whose window ended long ago (the longest configured window, plus a day).
  const longestWindowMs =
    Math.max(
      config.RATE_LIMIT_SIGN_IN_ACCOUNT.windowSeconds,
      config.RATE_LIMIT_SIGN_IN_ADDRESS.windowSeconds,
      config.RATE_LIMIT_STATUS_ADDRESS.windowSeconds,
      config.RATE_LIMIT_RETURN_ADDRESS.windowSeconds,
      config.RATE_LIMIT_INVITATION_ADDRESS.windowSeconds,
    ) * 1000;
  report.countersPruned = await pruneRateLimitCounters(new Date(now.getTime() - longestWindowMs - COUNTER_GRACE_MS));

  // 4. Retention (RETENTION_DAYS, off unless set): redirect evidence and audit events older than N days.
  if (retentionDays) {
    const before = new Date(now.getTime() - retentionDays * DAY_MS);
    report.eventsPruned = await pruneRedirectEvidence(before);
    report.auditPruned = await pruneAuditEvents(before);
  }

  // 5. The CSV imports' background work (lib/employees/import.ts; a targeted run leaves it alone).
  if (!options.employeeIds) await importFromSweep();

  log.info("sweep: done", report);
  return report;
}
