// The per-instance limiter behind the status poll's limit (lib/security/memory-rate-limit.ts): the same windows
// as the PostgreSQL counters, and a bounded number of keys. A fake clock, so windows pass instantly.
import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "@/lib/security/memory-rate-limit";

function clocked(maxKeys = 1000) {
  // Not 0: lru-cache reads a start of 0 as "no expiry".
  const clock = { now: 1_000_000 };
  return { clock, limiter: new MemoryRateLimiter({ maxKeys, now: () => clock.now }) };
}

describe("in-memory rate limiter", () => {
  it("allows exactly the limit per key, then refuses with the wait until the window ends", () => {
    const { clock, limiter } = clocked();
    for (let i = 1; i <= 3; i++) expect(limiter.hit("a", 3, 60)).toEqual({ allowed: true, count: i, retryAfterSeconds: 60 });
    clock.now += 20_500;
    expect(limiter.hit("a", 3, 60)).toEqual({ allowed: false, count: 4, retryAfterSeconds: 40 });
    // Refusals go on counting (firstRefusal in lib/security/rate-limit.ts audits count === limit + 1 only).
    expect(limiter.hit("a", 3, 60)).toMatchObject({ allowed: false, count: 5 });
    // Another key has its own counter.
    expect(limiter.hit("b", 3, 60)).toMatchObject({ allowed: true, count: 1 });
  });

  it("starts a window at the key's first hit and a new one once it has passed", () => {
    const { clock, limiter } = clocked();
    expect(limiter.hit("a", 1, 60).allowed).toBe(true);
    clock.now += 59_000;
    expect(limiter.hit("a", 1, 60)).toEqual({ allowed: false, count: 2, retryAfterSeconds: 1 });
    clock.now += 1_001;
    expect(limiter.hit("a", 1, 60)).toEqual({ allowed: true, count: 1, retryAfterSeconds: 60 });
    // The new window runs from that hit, not from the clock's minute.
    clock.now += 30_000;
    expect(limiter.hit("a", 1, 60)).toEqual({ allowed: false, count: 2, retryAfterSeconds: 30 });
  });

  it("reset forgets a key's count", () => {
    const { limiter } = clocked();
    limiter.hit("a", 1, 60);
    limiter.reset("a");
    expect(limiter.hit("a", 1, 60)).toMatchObject({ allowed: true, count: 1 });
  });

  it("keeps at most maxKeys counters, however many addresses call, and keeps counting the active ones", () => {
    const { limiter } = clocked(1000);
    limiter.hit("poller", 10_000, 60);
    for (let i = 0; i < 20_000; i++) {
      limiter.hit(`address-${i}`, 10_000, 60);
      // A poller hitting every so often stays among the recently used and keeps its count.
      if (i % 100 === 0) limiter.hit("poller", 10_000, 60);
    }
    expect(limiter.size).toBe(1000);
    expect(limiter.hit("poller", 10_000, 60).count).toBe(202);
    // An address pushed out just starts over.
    expect(limiter.hit("address-0", 10_000, 60).count).toBe(1);
  });
});
