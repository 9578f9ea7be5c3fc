import { LRUCache } from "lru-cache";
import type { RateLimitResult } from "@/lib/db/rate-limits";

export type MemoryRateLimiterOptions = {
  /** Most keys kept at once; past it the least recently hit key is forgotten (its caller starts a new window). */
  maxKeys: number;
  /** A clock in milliseconds (tests); performance.now() by default. */
  now?: () => number;
};

/**
 * A per-instance counter with the same windows as lib/db/rate-limits.ts (a window starts at the key's first
 * hit and lasts windowSeconds) but no database write: for limits hit on every poll. lru-cache bounds the
 * memory: at most maxKeys counters, and one that has expired is dropped when next touched, with no timer per
 * key. Forgetting a counter early only lets its caller start over, so a flood of new addresses costs memory
 * up to the bound and nothing more.
 */
export class MemoryRateLimiter {
  private readonly counters: LRUCache<string, { count: number }>;

  constructor({ maxKeys, now }: MemoryRateLimiterOptions) {
    // ttlResolution 0: read the clock on each check rather than cache it behind a timer.
    this.counters = new LRUCache({ max: maxKeys, ttlResolution: 0, ...(now && { perf: { now } }) });
  }

  hit(key: string, limit: number, windowSeconds: number): RateLimitResult {
    let counter = this.counters.get(key);
    if (counter) counter.count++;
    else this.counters.set(key, (counter = { count: 1 }), { ttl: windowSeconds * 1000 });
    const retryAfterSeconds = Math.max(1, Math.ceil(this.counters.getRemainingTTL(key) / 1000));
    return { allowed: counter.count <= limit, count: counter.count, retryAfterSeconds };
  }

  reset(key: string): void {
    this.counters.delete(key);
  }

  /** How many counters are kept (tests). */
  get size(): number {
    return this.counters.size;
  }
}
