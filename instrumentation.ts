// Runs once when a server instance starts: a bad or missing setting stops it, naming the setting.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, ConfigurationError } = await import("./lib/env");
  try {
    env();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // Next.js would log the error and keep serving 500s; a misconfigured portal must not run at all.
    console.error(error.message);
    process.exit(1);
  }
}
