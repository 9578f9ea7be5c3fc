// Node.js only (imported by instrumentation.ts when NEXT_RUNTIME is "nodejs"): a bad or missing
// setting stops the server at start-up, naming the setting.
import { env, ConfigurationError } from "./lib/env";

export function checkConfiguration(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // Next.js would log the error and keep serving 500s; a misconfigured portal must not run at all.
    console.error(error.message);
    process.exit(1);
  }
}
