import "server-only";
import { parseEnv, type Env } from "@/lib/env-schema";

// The one place the portal reads process.env. Parsed once, on first use and at server start-up
// (instrumentation.ts), so a bad or missing setting stops the server with a message naming it.
// The schema itself is in lib/env-schema.ts (also checked by `next build`, see scripts/check-env.ts).

export { ConfigurationError, parseEnv, type Env } from "@/lib/env-schema";

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
