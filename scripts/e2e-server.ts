// The stack the Playwright suite drives: a fresh migrated and seeded database (a scratch database on
// DATABASE_URL's server, or embedded PGlite), the EasyFreelance sandbox, and the portal built and
// served with `next start`, exactly as in production. Writes .data/e2e/stack.json for the tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemoData } from "../lib/db/seed";
import { freePort, openTestDatabase } from "./lib/database";
import { startSandbox } from "../sandbox/server";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "./lib/fake-credentials";

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
  // Partner 1 with known fake credentials (see e2e/secrets.spec.ts); partner 2 as usual.
  partners: [
    { id: 1, token: FAKE_EASYFREELANCE.token, apiKey: FAKE_EASYFREELANCE.apiKey },
    { id: 2, token: SANDBOX_DEFAULTS.otherPartnerToken, apiKey: SANDBOX_DEFAULTS.otherPartnerApiKey },
  ],
});

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database.url,
  APP_URL: appUrl,
  AUTH_SECRET: E2E_AUTH_SECRET,
  EASYFREELANCE_BASE_URL: sandbox.apiBaseUrl,
  EASYFREELANCE_TOKEN: FAKE_EASYFREELANCE.token,
  EASYFREELANCE_API_KEY: FAKE_EASYFREELANCE.apiKey,
  EASYFREELANCE_TIMEOUT_MS: process.env.EASYFREELANCE_TIMEOUT_MS ?? "3000",
  STATUS_REFRESH_SECONDS: "1",
};
mkdirSync(join(".data", "e2e"), { recursive: true });
writeFileSync(join(".data", "e2e", "stack.json"), JSON.stringify({ appUrl, sandboxUrl: sandbox.url, databaseUrl: database.url }));

// Everything the build and the server print is also kept in .data/e2e/*.log, for the secrets test.
const nextBin = join("node_modules", "next", "dist", "bin", "next");
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: ["inherit", "pipe", "pipe"], env, maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(build.stdout);
  process.stderr.write(build.stderr);
  writeFileSync(join(".data", "e2e", "build.log"), Buffer.concat([build.stdout, build.stderr]));
  if (build.status !== 0) await stopServices(1);
}
const serverLog = createWriteStream(join(".data", "e2e", "server.log"));
const server: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { stdio: ["inherit", "pipe", "pipe"], env });
server.stdout!.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  serverLog.write(chunk);
});
server.stderr!.on("data", (chunk: Buffer) => {
  process.stderr.write(chunk);
  serverLog.write(chunk);
});

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
