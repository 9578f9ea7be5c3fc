// `npm run dev`: the portal on its embedded defaults. With nothing configured it starts embedded
// PostgreSQL (data in .data/pglite), the EasyFreelance sandbox (state in .data/sandbox), applies
// migrations, seeds demo data, prints the demo login and runs `next dev`. Anything set in the
// environment (DATABASE_URL, EASYFREELANCE_*, APP_URL, AUTH_SECRET) is used instead. Demo staff go only into
// the embedded database: into your own DATABASE_URL only with `npm run dev -- --demo` (or SEED_DEMO=1);
// otherwise create an admin there with `npm run admin:create`.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_PASSWORD, DEMO_STAFF } from "../lib/db/seed";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";
import { startStack } from "./lib/stack";

const dataDir = join(process.cwd(), ".data");
mkdirSync(dataDir, { recursive: true });
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

function persistentSecret(): string {
  const file = join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const ownDatabase = Boolean(process.env.DATABASE_URL);
const seed = !ownDatabase || process.argv.slice(2).includes("--demo") || process.env.SEED_DEMO === "1";

const stack = await startStack({
  database: process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL }
    : { dataDir: join(dataDir, "pglite"), port: Number(process.env.PGLITE_PORT ?? 54329) },
  seed,
  appUrl,
  authSecret: process.env.AUTH_SECRET ?? persistentSecret(),
  sandbox: process.env.EASYFREELANCE_BASE_URL
    ? false
    : {
        port: Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULTS.port),
        dataFile: join(dataDir, "sandbox", "state.json"),
        approvedReturnUrls: [new URL("/return", appUrl).toString()],
        smtpPort: Number(process.env.SANDBOX_SMTP_PORT ?? 4025),
      },
});

const sandboxUrl = stack.sandbox?.url;
console.log(`
  EasyFreelance partner portal
  ─────────────────────────────
  Portal:        ${appUrl}
  Database:      ${stack.embedded ? `embedded PostgreSQL (.data/pglite)` : "DATABASE_URL"} — migrations: ${stack.migrationsApplied} applied
  EasyFreelance: ${sandboxUrl ? `sandbox at ${sandboxUrl} (admin page: ${sandboxUrl}/_sandbox)` : process.env.EASYFREELANCE_BASE_URL}
  Mail:          ${stack.sandbox?.smtpUrl && !process.env.SMTP_URL ? `caught by the sandbox (${stack.sandbox.smtpUrl}): ${sandboxUrl}/_sandbox/mail/view` : process.env.SMTP_URL ? "SMTP_URL" : "not configured"}
  ${
    seed
      ? `Demo login:    ${DEMO_STAFF[0].email} / ${DEMO_PASSWORD}   (also ${DEMO_STAFF[1].email}, ${DEMO_STAFF[2].email})`
      : `Staff:         no demo accounts in your DATABASE_URL (add them with --demo or SEED_DEMO=1);
                 create an admin with: npm run admin:create -- --email you@example.no --name "Your Name"`
  }
`);

stack.exitWith(await stack.startNext({ mode: "dev", port, output: "inherit" }));
