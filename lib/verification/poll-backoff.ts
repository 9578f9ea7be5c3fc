// How often the employee's status page asks for news (pure, shared by the page and the benchmarks).
// Fast right after the page opens or the status moves (the result usually lands within seconds),
// then slower while nothing changes, never slower than the cap. When the server says when it will next ask
// EasyFreelance, the page asks just after that instead: its own cadence and the server's doubling gaps drift
// apart, which left a decision unseen for up to twice as long as needed.

export const POLL_BACKOFF = { initialMs: 1000, factor: 1.5, maxMs: 10_000 } as const;

/** How long after the server's planned check the page asks (its answer is then the fresh one). */
export const POLL_AFTER_CHECK_MS = 100;

export type PollBackoff = { initialMs: number; factor: number; maxMs: number };

/**
 * The delay before the next poll, after `unchangedPolls` answers in a row that changed nothing; `checkInMs`:
 * the last answer's "next check due in" (null or absent: none planned, the page's own cadence).
 */
export function nextPollDelay(unchangedPolls: number, checkInMs: number | null = null, backoff: PollBackoff = POLL_BACKOFF): number {
  if (checkInMs !== null && Number.isFinite(checkInMs)) {
    return Math.min(backoff.maxMs, Math.max(backoff.initialMs, Math.round(checkInMs) + POLL_AFTER_CHECK_MS));
  }
  const steps = Math.max(0, Math.floor(unchangedPolls));
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** steps));
}
