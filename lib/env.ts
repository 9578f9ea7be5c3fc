import "server-only";
import { parseEnv, type Env } from "@/lib/env-schema";

// The one place the portal reads process.env. Parsed once, on first use and at server start-up
// (instrumentation.ts), so a bad or missing setting stops the server with a message naming it.
// The schema itself is in lib/env-schema.ts (also checked by `next build`, see scripts/check-env.ts).

export { ConfigurationError, parseEnv, type Env } from "@/lib/env-schema";

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // Auth.js builds its URLs (redirects, callback URLs) from AUTH_URL when set, and otherwise from the
    // request's Host / X-Forwarded-Host headers, which a caller chooses. APP_URL is the portal's one address.
    process.env.AUTH_URL = `${new URL(cached.APP_URL).origin}/api/auth`;
  }
  return cached;
}
