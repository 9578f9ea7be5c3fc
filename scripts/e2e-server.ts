// The stack the Playwright suite drives: a fresh migrated and seeded database (a scratch database on
// DATABASE_URL's server, or embedded PGlite), the EasyFreelance sandbox, and the portal built and
// served with `next start`, exactly as in production. Writes .data/e2e/stack.json for the tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemoData } from "../lib/db/seed";
import { freePort, openTestDatabase } from "./lib/database";
import { startSandbox } from "../sandbox/server";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";

const port = Number(process.env.E2E_PORT ?? 3310);
const appUrl = `http://127.0.0.1:${port}`;
const database = await openTestDatabase({ serverUrl: process.env.DATABASE_URL, port: await freePort(), prefix: "portal_e2e" });
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
await seedDemoData(db);
await db.$disconnect();

const sandbox = await startSandbox({
  port: Number(process.env.E2E_SANDBOX_PORT ?? 4310),
  dataFile: join(mkdtempSync(join(tmpdir(), "ef-sandbox-")), "state.json"),
  // Pre-approved as `APP_URL/return/` (with the slash): it allows every flow's `APP_URL/return/<reference>`
  // from the first test on, while `APP_URL/return` itself — what Settings registers — stays unregistered,
  // so the Settings test can show a registration going from pending to approved.
  approvedReturnUrls: [`${appUrl}/return/`],
});

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database.url,
  APP_URL: appUrl,
  AUTH_SECRET: "e2e-auth-secret-0123456789-abcdefghijklmnop",
  EASYFREELANCE_BASE_URL: sandbox.apiBaseUrl,
  EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
  EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
  EASYFREELANCE_TIMEOUT_MS: process.env.EASYFREELANCE_TIMEOUT_MS ?? "3000",
  STATUS_REFRESH_SECONDS: "1",
};
mkdirSync(join(".data", "e2e"), { recursive: true });
writeFileSync(join(".data", "e2e", "stack.json"), JSON.stringify({ appUrl, sandboxUrl: sandbox.url, databaseUrl: database.url }));

const nextBin = join("node_modules", "next", "dist", "bin", "next");
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) await stopServices(1);
}
const server: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { stdio: "inherit", env });

async function shutdown(code: number) {
  server.kill("SIGTERM");
  await stopServices(code);
}
async function stopServices(code: number) {
  await sandbox.close().catch(() => {});
  await database.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
server.on("exit", (code) => void shutdown(code ?? 0));
