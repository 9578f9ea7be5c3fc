// The stack the Playwright suite drives: a fresh migrated and seeded database (a scratch database on
// DATABASE_URL's server, or embedded PGlite), the EasyFreelance sandbox, and the portal built and
// served with `next start`, exactly as in production. Writes .data/e2e/stack.json for the tests.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startStack } from "./lib/stack";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "./lib/fake-credentials";

const port = Number(process.env.E2E_PORT ?? 3310);
const appUrl = `http://127.0.0.1:${port}`;
const stack = await startStack({
  database: { serverUrl: process.env.DATABASE_URL, prefix: "portal_e2e" },
  seed: true,
  appUrl,
  authSecret: E2E_AUTH_SECRET,
  sandbox: {
    port: Number(process.env.E2E_SANDBOX_PORT ?? 4310),
    dataFile: join(mkdtempSync(join(tmpdir(), "ef-sandbox-")), "state.json"),
    // Pre-approved as `APP_URL/return/` (with the slash): it allows every flow's `APP_URL/return/<reference>`
    // from the first test on, while `APP_URL/return` itself — what Settings registers — stays unregistered,
    // so the Settings test can show a registration going from pending to approved.
    approvedReturnUrls: [`${appUrl}/return/`],
    // Partner 1 (the portal) with known fake credentials (see e2e/secrets.spec.ts).
    credentials: FAKE_EASYFREELANCE,
    // The mail catcher, next to the sandbox's port (e2e/invitations.spec.ts reads the mail from it).
    smtpPort: Number(process.env.E2E_SANDBOX_PORT ?? 4310) + 1,
  },
  env: {
    NODE_ENV: "production",
    // No proxy in front: Next.js itself writes the peer into X-Forwarded-For when a request has none, and
    // tests that play another client send one entry of their own; either way the last entry is the client.
    TRUSTED_PROXIES: "1",
    EASYFREELANCE_TIMEOUT_MS: process.env.EASYFREELANCE_TIMEOUT_MS ?? "3000",
    STATUS_REFRESH_SECONDS: "1",
    // The specs share one database and one budget: EasyFreelance's real limit would make them wait on each other.
    EASYFREELANCE_RATE_LIMIT: "6000/60",
  },
});
mkdirSync(join(".data", "e2e"), { recursive: true });
writeFileSync(
  join(".data", "e2e", "stack.json"),
  JSON.stringify({ appUrl, sandboxUrl: stack.sandbox!.url, databaseUrl: stack.databaseUrl, smtpUrl: stack.sandbox!.smtpUrl }),
);

// Everything the build and the server print is also kept in .data/e2e/*.log, for the secrets test.
if (process.env.E2E_SKIP_BUILD !== "1" && stack.build({ log: join(".data", "e2e", "build.log") }) !== 0) {
  await stack.stop();
  process.exit(1);
}
stack.exitWith(await stack.startNext({ mode: "start", port, host: "127.0.0.1", output: { tee: join(".data", "e2e", "server.log") } }));
