import { describe, expect, it } from "vitest";
import { nextPollDelay, POLL_AFTER_CHECK_MS, POLL_BACKOFF } from "@/lib/verification/poll-backoff";

describe("status page polling backoff", () => {
  it("starts fast and slows down while nothing changes", () => {
    const delays = Array.from({ length: 8 }, (_, n) => nextPollDelay(n));
    expect(delays.slice(0, 4)).toEqual([1000, 1500, 2250, 3375]);
    for (let n = 1; n < delays.length; n++) expect(delays[n]).toBeGreaterThanOrEqual(delays[n - 1]);
  });

  it("is capped however long nothing changes", () => {
    expect(nextPollDelay(100)).toBe(POLL_BACKOFF.maxMs);
    expect(nextPollDelay(1e6)).toBe(POLL_BACKOFF.maxMs);
  });

  it("treats nonsense counts as a fresh start", () => {
    expect(nextPollDelay(-3)).toBe(POLL_BACKOFF.initialMs);
    expect(nextPollDelay(0.7)).toBe(POLL_BACKOFF.initialMs);
  });

  it("follows a custom schedule", () => {
    expect([0, 1, 2, 3].map((n) => nextPollDelay(n, null, { initialMs: 100, factor: 2, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
  });

  it("asks just after the server's next check when it says when that is, within the page's bounds", () => {
    // Deep into its backoff (10 s), a page whose server checks in 2 s asks then, not 8 s later.
    expect(nextPollDelay(20, 2_000)).toBe(2_000 + POLL_AFTER_CHECK_MS);
    // Early on, a check due later than the page's own next poll waits for it.
    expect(nextPollDelay(0, 4_000)).toBe(4_000 + POLL_AFTER_CHECK_MS);
    // Never faster than the first poll (a check due now, or claimed by another page), never slower than the cap.
    expect(nextPollDelay(5, 0)).toBe(POLL_BACKOFF.initialMs);
    expect(nextPollDelay(0, 60_000)).toBe(POLL_BACKOFF.maxMs);
    // No check planned (or nonsense): the page's own cadence.
    expect(nextPollDelay(3, null)).toBe(nextPollDelay(3));
    expect(nextPollDelay(3, Number.NaN)).toBe(nextPollDelay(3));
  });
});
