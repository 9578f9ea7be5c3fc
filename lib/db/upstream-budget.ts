import "server-only";
import { prisma } from "./client";

// The shared budget of EasyFreelance calls (migration 20261128000000_upstream_budget): a sliding log of the
// window's calls in one row per budget, taken under the row's lock on the database's clock, so every
// instance spends the same budget and concurrent takers never overspend it.

export type BudgetAnswer = { granted: true; ticket: Date } | { granted: false; waitMs: number };

/** The budget called `name` (lib/easyfreelance/budget.ts's store): `limit` calls in any `windowSeconds`. */
export function upstreamBudgetStore(name: string, limit: number, windowSeconds: number) {
  const windowMs = windowSeconds * 1000;
  return {
    take: (keep: number, holdMs: number) => takeUpstreamCall(name, limit, windowMs, keep, holdMs),
    settle: (ticket: Date) => settleUpstreamCall(name, ticket),
    pause: (ms: number) => pauseUpstreamCalls(name, ms),
  };
}

/**
 * Takes one call when fewer than `limit - keep` are in the last `windowMs` (or in flight) and no pause is on.
 * The call is logged at grant + `holdMs` (the latest it can end) until settled.
 */
export async function takeUpstreamCall(name: string, limit: number, windowMs: number, keep: number, holdMs: number): Promise<BudgetAnswer> {
  const [row] = await prisma().$queryRaw<{ granted: boolean; wait_ms: number; ticket: Date | null }[]>`
    SELECT "granted", "wait_ms", "ticket" FROM take_upstream_call(${name}, ${limit}::int, ${windowMs}::int, ${keep}::int, ${holdMs}::int)`;
  return row.granted && row.ticket ? { granted: true, ticket: row.ticket } : { granted: false, waitMs: row.wait_ms };
}

/** The call ended: it counts from now (no later than its ticket), not from when it was granted. */
export async function settleUpstreamCall(name: string, ticket: Date): Promise<void> {
  await prisma().$executeRaw`
    UPDATE "upstream_budgets" SET "calls"[array_position("calls", ${ticket}::timestamptz(3))] = LEAST(${ticket}::timestamptz(3), clock_timestamp())
    WHERE "name" = ${name} AND array_position("calls", ${ticket}::timestamptz(3)) IS NOT NULL`;
}

/** EasyFreelance answered 429: no call of any priority until `ms` from now (a longer pause already on stays). */
export async function pauseUpstreamCalls(name: string, ms: number): Promise<void> {
  await prisma().$executeRaw`
    INSERT INTO "upstream_budgets" ("name", "paused_until") VALUES (${name}, clock_timestamp() + make_interval(secs => ${ms}::int / 1000.0))
    ON CONFLICT ("name") DO UPDATE SET "paused_until" = GREATEST("upstream_budgets"."paused_until", EXCLUDED."paused_until")`;
}
