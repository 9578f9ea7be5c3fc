// The shared budget of EasyFreelance calls (issue 14): however many callers on however many instances, never
// more than the limit in any window, what a person waits for goes first, and a 429 pauses everyone. Two
// clients stand for two instances: each has its own budget object (its own memory) over the same database row,
// and both talk to the sandbox over HTTP, which logs when each call arrived.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";
import { createEasyFreelanceClient } from "@/lib/easyfreelance/client";
import { BACKGROUND, PERSON, createUpstreamBudget, reservedCalls, type CallPriority } from "@/lib/easyfreelance/budget";
import { isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import { upstreamBudgetStore } from "@/lib/db/upstream-budget";

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] }, false);

/** One "instance": a client with its own budget object over the budget row `name`. */
function instance(name: string, limit: number, windowSeconds: number, personWaitMs = 5_000) {
  const budget = createUpstreamBudget({ limit, store: upstreamBudgetStore(name, limit, windowSeconds), personWaitMs, holdMs: 4_000 });
  const client = createEasyFreelanceClient({
    baseUrl: sandbox.apiBaseUrl,
    token: SANDBOX_DEFAULTS.token,
    apiKey: SANDBOX_DEFAULTS.apiKey,
    timeoutMs: 3_000,
    budget,
  });
  return { client, budget };
}

const budgetName = () => `test:${randomBytes(6).toString("hex")}`;

/** What a call came to: made (any answer from the sandbox), or held back by the budget. */
async function outcome(call: Promise<unknown>): Promise<"made" | "held"> {
  try {
    await call;
    return "made";
  } catch (error) {
    if (isEasyFreelanceError(error) && error.budgetSpent) return "held";
    return "made"; // e.g. 404 for an unknown session: it reached EasyFreelance all the same
  }
}

const randomSessionId = () => `${randomBytes(4).toString("hex")}-1111-4111-8111-${randomBytes(6).toString("hex")}`;

/** Arrival times (ms) of the sandbox's status calls since `since`. */
async function statusArrivals(since: number): Promise<number[]> {
  const requests = await sandbox.control.requests.list();
  return requests
    .filter((request) => request.endpoint === "status" && Date.parse(request.time) >= since)
    .map((request) => Date.parse(request.time))
    .sort((a, b) => a - b);
}

/** The most calls that arrived within any window of `windowMs`. */
function busiestWindow(arrivals: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < arrivals.length; last++) {
    while (arrivals[last] - arrivals[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe("the budget", () => {
  it("holds across two instances: 60 concurrent callers never get more than the limit into any window", async () => {
    const name = budgetName();
    const [a, b] = [instance(name, 5, 2), instance(name, 5, 2)];
    const since = Date.now();
    // People (who wait up to 5 s for room), returned employees and background work, on both instances at once.
    const priorities: CallPriority[] = [PERSON, { kind: "returned", sinceMs: 2_000 }, BACKGROUND];
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        outcome((i % 2 ? a : b).client.getStatus(randomSessionId(), {}, { priority: priorities[i % priorities.length] })),
      ),
    );
    const made = outcomes.filter((o) => o === "made").length;
    const arrivals = await statusArrivals(since);
    // Every call the budget granted reached the sandbox, and nothing else did.
    expect(arrivals).toHaveLength(made);
    // People waited for room: more than one window's worth got through, yet never 6 within 2 s.
    expect(made).toBeGreaterThan(5);
    expect(busiestWindow(arrivals, 2_000)).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o === "held").length).toBeGreaterThan(0);
  });

  it("serves a person's start while returned employees' refreshes and background work wait", async () => {
    const name = budgetName();
    const { client } = instance(name, 6, 60);
    const refresh = () => outcome(client.getStatus(randomSessionId(), {}, { priority: { kind: "returned", sinceMs: 30_000 } }));
    // Refreshes take what they may (6 − their reserve) and are then held back, answered from the database.
    const refreshes = [];
    for (let i = 0; i < 8; i++) refreshes.push(await refresh());
    const allowed = 6 - reservedCalls({ kind: "returned", sinceMs: 30_000 }, 6);
    expect(refreshes.filter((o) => o === "made")).toHaveLength(allowed);
    expect(await outcome(client.getUser(1, { priority: BACKGROUND }))).toBe("held");
    // HR clicks Verify: served at once from the reserve.
    await sandbox.control.updateUser(4242, {});
    const flow = await client.startFlow(4242, { provider: "bankid", returnUrl: "http://portal.test/return/abc" });
    expect(flow.verificationUrl).toBeTruthy();
    // And still the refreshes wait: the window is full.
    expect(await refresh()).toBe("held");
  });

  it("gives a fresher return room before an older one", () => {
    const keep = (sinceMs: number) => reservedCalls({ kind: "returned", sinceMs }, 60);
    expect(reservedCalls(PERSON, 60)).toBe(0);
    expect(keep(0)).toBeGreaterThan(0);
    expect(keep(0)).toBeLessThan(keep(30_000));
    expect(keep(30_000)).toBeLessThan(keep(600_000));
    expect(keep(600_000)).toBeLessThan(reservedCalls(BACKGROUND, 60));
  });

  it("pauses every caller on every instance after a 429, until its Retry-After", async () => {
    const name = budgetName();
    const [a, b] = [instance(name, 100, 60, 3_000), instance(name, 100, 60, 3_000)];
    await sandbox.control.faults.add({ endpoint: "status", times: 1, fault: { kind: "rate_limited", retryAfterSeconds: 2 } });
    const started = Date.now();
    // Instance a meets the 429 (its own retry waits the 2 s and is then let through).
    // Handled from the start (outcome): it may end, with its 404, while the person below is still waiting.
    const first = outcome(a.client.getStatus(randomSessionId(), {}, { priority: BACKGROUND }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Instance b, meanwhile: background work is refused without a call, a person waits for the pause to end.
    expect(await outcome(b.client.getStatus(randomSessionId(), {}, { priority: BACKGROUND }))).toBe("held");
    const beforePerson = (await statusArrivals(started)).length;
    expect(beforePerson).toBe(1);
    expect(await outcome(b.client.getStatus(randomSessionId(), {}, { priority: PERSON }))).toBe("made");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(await first).toBe("made");
    const arrivals = await statusArrivals(started);
    // Nothing arrived during the pause.
    expect(arrivals.filter((at) => at > arrivals[0] + 50 && at < arrivals[0] + 1_900)).toHaveLength(0);
  });
});
