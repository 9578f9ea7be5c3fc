// How the portal spends EasyFreelance's rate limit (EASYFREELANCE_RATE_LIMIT, e.g. 60 calls a minute for the
// partner's token): one budget shared by every instance (kept in PostgreSQL: lib/db/upstream-budget.ts), and
// a priority for every call, so what a person is waiting for goes first. A call may only spend the budget
// down to its priority's reserve: HR's click none, an employee back from EasyFreelance a little (more the
// longer ago the return), background work half. Nothing queues: a call that does not fit is refused with
// the time it would fit, and only a person's call waits (a few seconds) for it.

/** Who is waiting for a call. */
export type CallPriority =
  /** HR's click (Verify, Add employee, Settings) or an employee starting from an invitation. */
  | { kind: "person" }
  /** An employee back from EasyFreelance, watching the status page; `sinceMs` since the return: fresher first. */
  | { kind: "returned"; sinceMs: number }
  /** The sweep, CSV imports: what is left. */
  | { kind: "background" };

export const PERSON: CallPriority = { kind: "person" };
export const BACKGROUND: CallPriority = { kind: "background" };

/** The share of the budget a call must leave to more urgent ones. */
export function reservedShare(priority: CallPriority): number {
  switch (priority.kind) {
    case "person":
      return 0;
    // 2 % just after the return (about what one person's click needs), growing with its age (7 % at 30 s,
    // 14 % at 2 min, 24 % at 10 min) up to 40 %: a fresher return is served first.
    case "returned":
      return Math.min(0.4, 0.02 + 0.05 * Math.log2(1 + Math.max(0, priority.sinceMs) / 30_000));
    case "background":
      return 0.5;
  }
}

/** Calls of the window a call of this priority must leave unused (at least one below a person's, if the budget allows). */
export function reservedCalls(priority: CallPriority, limit: number): number {
  if (priority.kind === "person") return 0;
  return Math.min(Math.max(1, Math.floor(limit * reservedShare(priority))), Math.max(0, limit - 1));
}

/** A granted call carries its ticket, to settle when it ends. */
export type BudgetAnswer = { granted: true; ticket: Date } | { granted: false; waitMs: number };

/**
 * The shared state: takes a call leaving `keep` of the window unused, counting it as in flight for up to
 * `holdMs`; settles it when it ended (it then counts from that moment); pauses every call.
 */
export interface BudgetStore {
  take(keep: number, holdMs: number): Promise<BudgetAnswer>;
  settle(ticket: Date): Promise<void>;
  pause(ms: number): Promise<void>;
}

export interface UpstreamBudget {
  /** Resolves when the call may be made, or with how long until it could (a person's call waits up to personWaitMs first). */
  take(priority: CallPriority): Promise<BudgetAnswer>;
  /** The granted call is over (answered, failed or timed out). */
  settle(ticket: Date): Promise<void>;
  /** EasyFreelance said 429: no call at all for `ms`. */
  pause(ms: number): Promise<void>;
  /** How long this instance already knows a call of this priority would be refused (0: ask). No query. */
  refusedFor(priority: CallPriority): number;
  /** Drops this instance's memory of refusals (after a pause was lifted by hand; tests). */
  forget(): void;
}

export type BudgetOptions = {
  limit: number;
  store: BudgetStore;
  /** How long a person's call waits for room before it is refused. Default 5000. */
  personWaitMs?: number;
  /** The longest one call can last (the per-attempt timeout and a little): an unsettled call counts until then. Default 11000. */
  holdMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** How often a refused caller may ask the database again. */
const RECHECK_MS = 1_000;

export function createUpstreamBudget(options: BudgetOptions): UpstreamBudget {
  const { limit, store, personWaitMs = 5_000, holdMs = 11_000, now = Date.now } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // This instance's memory of refusals: refused while leaving `keep` means refused while leaving more, until
  // `until`. Polls that cannot be served are then answered without asking the database (the hot path).
  const refusals = new Map<number, number>();

  function refusedFor(keep: number, at: number): number {
    let waitMs = 0;
    for (const [refusedKeep, until] of refusals) {
      if (until <= at) refusals.delete(refusedKeep);
      else if (refusedKeep <= keep) waitMs = Math.max(waitMs, until - at);
    }
    return waitMs;
  }

  return {
    async take(priority) {
      const keep = reservedCalls(priority, limit);
      const started = now();
      for (;;) {
        // A person's call always asks the database (it is rare, and must not be refused on a stale memory).
        let waitMs = priority.kind === "person" ? 0 : refusedFor(keep, now());
        if (waitMs === 0) {
          const answer = await store.take(keep, holdMs);
          if (answer.granted) return answer;
          waitMs = answer.waitMs;
          // The wait is an upper bound (calls in flight count until they end, often sooner): remembered for a
          // second at most, so a poll asks again soon, at most once a second per instance and priority.
          refusals.set(keep, Math.max(refusals.get(keep) ?? 0, now() + Math.min(waitMs, RECHECK_MS)));
        }
        const waited = now() - started;
        if (priority.kind !== "person" || waited >= personWaitMs) return { granted: false, waitMs };
        await sleep(Math.min(waitMs, RECHECK_MS, personWaitMs - waited));
      }
    },
    refusedFor: (priority) => refusedFor(reservedCalls(priority, limit), now()),
    forget: () => refusals.clear(),
    settle: (ticket) => store.settle(ticket),
    async pause(ms) {
      refusals.set(0, Math.max(refusals.get(0) ?? 0, now() + Math.min(ms, RECHECK_MS)));
      await store.pause(ms);
    },
  };
}
