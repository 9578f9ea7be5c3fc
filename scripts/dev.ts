// `npm run dev`: the portal on its embedded defaults. With nothing configured it starts embedded
// PostgreSQL (data in .data/pglite), the EasyFreelance sandbox (state in .data/sandbox), applies
// migrations, seeds demo data, prints the demo login and runs `next dev`. Anything set in the
// environment (DATABASE_URL, EASYFREELANCE_*, APP_URL, AUTH_SECRET) is used instead.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { applyMigrations } from "../lib/db/migrations";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "../lib/db/seed";
import { startEmbedded, type Database } from "./lib/database";
import { startSandbox } from "../sandbox/server";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";

const dataDir = join(process.cwd(), ".data");
mkdirSync(dataDir, { recursive: true });
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const cleanups: Array<() => Promise<void>> = [];

function persistentSecret(): string {
  const file = join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

let database: Database | undefined;
if (!process.env.DATABASE_URL) {
  database = await startEmbedded(join(dataDir, "pglite"), Number(process.env.PGLITE_PORT ?? 54329));
  cleanups.push(database.stop);
}
const databaseUrl = process.env.DATABASE_URL ?? database!.url;
const migrations = await applyMigrations(databaseUrl);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
await seedDemoData(db);
await db.$disconnect();

const easyFreelance: Record<string, string> = {};
let sandboxUrl: string | undefined;
if (!process.env.EASYFREELANCE_BASE_URL) {
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULTS.port),
    dataFile: join(dataDir, "sandbox", "state.json"),
    approvedReturnUrls: [new URL("/return", appUrl).toString()],
  });
  cleanups.push(sandbox.close);
  sandboxUrl = sandbox.url;
  Object.assign(easyFreelance, {
    EASYFREELANCE_BASE_URL: sandbox.apiBaseUrl,
    EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
    EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
  });
}

console.log(`
  EasyFreelance partner portal
  ─────────────────────────────
  Portal:        ${appUrl}
  Database:      ${database ? `embedded PostgreSQL (.data/pglite)` : "DATABASE_URL"} — migrations: ${migrations.applied.length} applied
  EasyFreelance: ${sandboxUrl ? `sandbox at ${sandboxUrl} (admin page: ${sandboxUrl}/_sandbox)` : process.env.EASYFREELANCE_BASE_URL}
  Demo login:    ${DEMO_STAFF[0].email} / ${DEMO_PASSWORD}   (also ${DEMO_STAFF[1].email}, ${DEMO_STAFF[2].email})
`);

const next = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "dev", "-p", String(port)], {
  stdio: "inherit",
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? persistentSecret(),
    ...easyFreelance,
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 0));
