import { describe, expect, it } from "vitest";
import { nextPollDelay, POLL_BACKOFF } from "@/lib/verification/poll-backoff";

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
    expect([0, 1, 2, 3].map((n) => nextPollDelay(n, { initialMs: 100, factor: 2, maxMs: 500 }))).toEqual([100, 200, 400, 500]);
  });
});
