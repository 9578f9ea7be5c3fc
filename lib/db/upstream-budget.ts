import "server-only";
import { prisma } from "./client";

// The shared budget of EasyFreelance calls (migration 20261128000000_upstream_budget): a sliding log of the
// window's calls in one row per budget, taken under the row's lock on the database's clock, so every
// instance spends the same budget and concurrent takers never overspend it.

export type BudgetAnswer = { granted: true } | { granted: false; waitMs: number };

/** Takes one call when fewer than `limit - keep` were made in the last `windowMs` and no pause is on. */
export async function takeUpstreamCall(name: string, limit: number, windowMs: number, keep: number): Promise<BudgetAnswer> {
  const [row] = await prisma().$queryRaw<{ granted: boolean; wait_ms: number }[]>`
    SELECT "granted", "wait_ms" FROM take_upstream_call(${name}, ${limit}::int, ${windowMs}::int, ${keep}::int)`;
  return row.granted ? { granted: true } : { granted: false, waitMs: row.wait_ms };
}

/** EasyFreelance answered 429: no call of any priority until `ms` from now (a longer pause already on stays). */
export async function pauseUpstreamCalls(name: string, ms: number): Promise<void> {
  await prisma().$executeRaw`
    INSERT INTO "upstream_budgets" ("name", "paused_until") VALUES (${name}, clock_timestamp() + make_interval(secs => ${ms}::int / 1000.0))
    ON CONFLICT ("name") DO UPDATE SET "paused_until" = GREATEST("upstream_budgets"."paused_until", EXCLUDED."paused_until")`;
}

/** The calls made in the last `windowMs` (benchmarks and tests read the budget's state with it). */
export async function upstreamCallsInWindow(name: string, windowMs: number): Promise<Date[]> {
  const rows = await prisma().$queryRaw<{ at: Date }[]>`
    SELECT c AS "at" FROM "upstream_budgets" AS b, unnest(b."calls") AS c
    WHERE b."name" = ${name} AND c > clock_timestamp() - make_interval(secs => ${windowMs}::int / 1000.0) ORDER BY c`;
  return rows.map((row) => row.at);
}
