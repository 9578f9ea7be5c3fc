import "server-only";
import { prisma } from "./client";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one hit against `key` in a window that starts at the key's first hit and says whether it is
 * within `limit`. One atomic upsert in PostgreSQL, so every server instance shares the same counters and
 * concurrent hits are never lost. Windows are not aligned to the clock: an aligned window let a burst
 * straddling a boundary (e.g. 10 attempts at 00:14:59 and 10 more at 00:15:00) count twice the limit.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const expiredBefore = new Date(now.getTime() - windowMs);
  const [row] = await prisma().$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_counters.window_start > ${expiredBefore} THEN rate_limit_counters.count + 1 ELSE 1 END,
      window_start = CASE WHEN rate_limit_counters.window_start > ${expiredBefore} THEN rate_limit_counters.window_start ELSE EXCLUDED.window_start END
    RETURNING count, window_start`;
  // Keys of past windows are dead weight: now and then, drop those older than a day.
  if (Math.random() < 0.001) {
    await prisma().$executeRaw`DELETE FROM rate_limit_counters WHERE window_start < ${new Date(now.getTime() - 86_400_000)}`;
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((row.window_start.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds };
}

export async function clearRateLimit(key: string): Promise<void> {
  await prisma().rateLimitCounter.deleteMany({ where: { key } });
}

/** Counters whose window started before `before` (long over): dead weight the sweep deletes. */
export async function pruneRateLimitCounters(before: Date): Promise<number> {
  const { count } = await prisma().rateLimitCounter.deleteMany({ where: { windowStart: { lt: before } } });
  return count;
}
