import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createEasyFreelanceClient } from "./client";
import { loggableText, secretRedactor } from "./redaction";
import { createUpstreamBudget, type UpstreamBudget } from "./budget";
import { upstreamBudgetStore } from "@/lib/db/upstream-budget";
import { waitUntil } from "@vercel/functions";

/**
 * The budget's row: EasyFreelance limits each token, so every instance with the same API and token takes its
 * calls from the same row (named by a hash: the token itself is never stored).
 */
export function upstreamBudgetName(config: { EASYFREELANCE_BASE_URL: string; EASYFREELANCE_TOKEN: string } = env()): string {
  return `easyfreelance:${createHash("sha256").update(`${config.EASYFREELANCE_BASE_URL}\n${config.EASYFREELANCE_TOKEN}`).digest("base64url").slice(0, 22)}`;
}

type Client = ReturnType<typeof createEasyFreelanceClient>;
let client: Client | undefined;
let budget: UpstreamBudget | undefined;

/**
 * A value EasyFreelance sent, fit for a log line: the same sanitiser the client uses for its own warnings
 * (one line, no markup, at most 100 characters, the partner's secrets removed).
 */
export function upstreamForLog(value: unknown): string | null {
  const config = env();
  return loggableText(value, secretRedactor([config.EASYFREELANCE_TOKEN, config.EASYFREELANCE_API_KEY]));
}

/** The portal's EasyFreelance client, holding the partner's credentials from the environment. */
export function easyFreelance(): Client {
  if (!client) {
    const config = env();
    client = createEasyFreelanceClient({
      baseUrl: config.EASYFREELANCE_BASE_URL,
      token: config.EASYFREELANCE_TOKEN,
      apiKey: config.EASYFREELANCE_API_KEY,
      timeoutMs: config.EASYFREELANCE_TIMEOUT_MS,
      logger: { warn: (message, meta) => log.warn(`easyfreelance: ${message}`, meta) },
      budget: easyFreelanceBudget(),
    });
  }
  return client;
}

/** The share of EASYFREELANCE_RATE_LIMIT this instance takes its calls from: one budget for all instances. */
export function easyFreelanceBudget(): UpstreamBudget {
  if (!budget) {
    const { limit, windowSeconds } = env().EASYFREELANCE_RATE_LIMIT;
    // An unsettled call (its instance died) counts until its attempt must have timed out.
    const holdMs = env().EASYFREELANCE_TIMEOUT_MS + 1_000;
    const store = upstreamBudgetStore(upstreamBudgetName(), limit, windowSeconds);
    // A call's end is written while its answer is already on its way (HR's Verify does not wait ~2 ms for it):
    // until then the call counts as in flight, which only ever counts it longer. waitUntil keeps a Vercel
    // function alive until it is written; elsewhere the write simply runs.
    const settle = async (ticket: Date) => waitUntil(store.settle(ticket).catch(() => undefined));
    budget = createUpstreamBudget({ limit, holdMs, store: { ...store, settle } });
  }
  return budget;
}
