import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createEasyFreelanceClient } from "./client";

type Client = ReturnType<typeof createEasyFreelanceClient>;
let client: Client | undefined;

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
