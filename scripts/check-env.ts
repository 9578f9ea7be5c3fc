// Checks the portal's configuration with the same schema the server uses (lib/env-schema.ts), so a
// missing or bad setting fails `next build` (next.config.mjs runs this in the build phase) instead of the
// first request. Names the setting, never its value. Exit code 1 on a bad configuration.
import { ConfigurationError, parseEnv } from "../lib/env-schema";

try {
  parseEnv(process.env);
  console.log("Configuration: ok.");
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
