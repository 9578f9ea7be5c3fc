// How often the employee's status page asks for news (pure, shared by the page and the benchmarks).
// Fast right after the page opens or the status moves (the result usually lands within seconds),
// then slower while nothing changes, never slower than the cap.

export const POLL_BACKOFF = { initialMs: 1000, factor: 1.5, maxMs: 10_000 } as const;

export type PollBackoff = { initialMs: number; factor: number; maxMs: number };

/** The delay before the next poll, after `unchangedPolls` answers in a row that changed nothing. */
export function nextPollDelay(unchangedPolls: number, backoff: PollBackoff = POLL_BACKOFF): number {
  const steps = Math.max(0, Math.floor(unchangedPolls));
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** steps));
}
