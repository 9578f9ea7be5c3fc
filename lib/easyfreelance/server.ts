import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createEasyFreelanceClient } from "./client";
import { loggableText, secretRedactor } from "./redaction";

type Client = ReturnType<typeof createEasyFreelanceClient>;
let client: Client | undefined;

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
    });
  }
  return client;
}
