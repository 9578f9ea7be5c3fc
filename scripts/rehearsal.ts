// A production rehearsal (`npm run rehearsal`, run by .ci/run): what a deploy does, on a fresh database behind
// PgBouncer in transaction mode, in order — check the configuration, migrate (direct URL), create the first
// admin with `admin:create`, `next build` and `next start` with production settings (pooled URL), health
// green, then that admin signs in, checks the credentials, registers the return URL (an EasyFreelance admin
// approves it on the sandbox), adds an employee and verifies them end to end. No demo data, no demo accounts.
// Prints each step; exits 1 at the first that fails. Needs DATABASE_URL (a PostgreSQL server) and pgbouncer
// (REQUIRE_PGBOUNCER=1 makes its absence a failure; otherwise the portal connects directly).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chromium, expect } from "@playwright/test";
import pg from "pg";
import { startStack, type Stack } from "./lib/stack";
import { SandboxControl } from "../sandbox/control-client";
import { freePort, openDatabase } from "./lib/database";
import { findPgbouncer, startPgbouncer, type Pgbouncer } from "./lib/pgbouncer";

const ADMIN = { email: "ops@rehearsal.test", name: "Rehearsal Operator", password: `Rehearsal-${randomBytes(9).toString("base64url")}1` };
const started = Date.now();
const step = (text: string) => console.log(`[rehearsal] ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${text}`);

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const result = spawnSync(command, args, { env, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let stack: Stack | undefined;
let pooler: Pgbouncer | undefined;
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  if (!process.env.DATABASE_URL) throw new Error("set DATABASE_URL to a PostgreSQL server (the rehearsal makes and drops its own database)");
  database = await openDatabase({ serverUrl: process.env.DATABASE_URL, prefix: "portal_rehearsal", migrate: false });
  const bin = findPgbouncer();
  if (!bin && process.env.REQUIRE_PGBOUNCER === "1") throw new Error("pgbouncer is not installed (REQUIRE_PGBOUNCER=1)");
  const direct = new URL(database.url);
  pooler = bin ? await startPgbouncer(bin, direct) : undefined;
  const pooled = pooler ? pooler.url(direct.pathname.slice(1)) : database.url;
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  stack = await startStack({
    // The portal gets the pooled URL, migrations the direct one — as a deployment on Neon or Supabase does.
    database: { url: pooled, migrate: false },
    appUrl,
    authSecret: randomBytes(33).toString("base64"),
    // Nothing pre-approved: the return URL goes through registration and approval like in production.
    sandbox: { port: await freePort(), approvedReturnUrls: [] },
    // TRUSTED_PROXIES: nothing in front of `next start` but Next.js, which writes the peer into X-Forwarded-For.
    env: {
      NODE_ENV: "production",
      TRUSTED_PROXIES: "1",
      DATABASE_URL_UNPOOLED: database.url,
      STATUS_REFRESH_SECONDS: "1",
      EASYFREELANCE_TIMEOUT_MS: "5000",
    },
  });
  const env = { ...process.env, ...stack.env() };
  const control = new SandboxControl(stack.sandbox!.url);
  step(
    `fresh database; portal ${pooler ? "through PgBouncer (transaction mode)" : "connected directly (no pgbouncer here)"}; sandbox at ${stack.sandbox!.url}`,
  );

  step(`configuration: ${run("check-env", "npx", ["tsx", "scripts/check-env.ts"], env).trim()}`);
  run("migrate", "npx", ["tsx", "scripts/migrate.ts"], env);
  run("migrate again (a no-op)", "npx", ["tsx", "scripts/migrate.ts"], env);
  step("migrations applied, and a second run found nothing to do");

  const created = run(
    "admin:create",
    "npx",
    ["tsx", "scripts/admin-create.ts", "--email", ADMIN.email, "--name", ADMIN.name],
    env,
    `${ADMIN.password}\n`,
  );
  step(`admin:create: ${created.trim().split("\n")[0]}`);

  if (stack.build({ output: "ignore" }) !== 0) throw new Error("next build failed");
  step("next build (production settings)");
  await stack.startNext({ mode: "start", port, host: "127.0.0.1", output: "ignore", waitFor: "/login" });
  const health = await fetch(`${appUrl}/api/health`);
  const healthBody = await health.text();
  if (!health.ok) throw new Error(`/api/health answered ${health.status}: ${healthBody}`);
  step(`next start; /api/health ${health.status} ${healthBody}`);

  const page = await browser.newPage({ baseURL: appUrl });
  page.setDefaultTimeout(30_000);
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
  step(`signed in as ${ADMIN.email}`);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Check credentials" }).click();
  await expect(page.locator("[data-outcome]")).toHaveAttribute("data-outcome", "accepted");
  await page.getByRole("button", { name: "Register return URL" }).click();
  await expect(page.getByTestId("registration")).toContainText("at registration:");
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const [registration] = (await db.query(`SELECT upstream_id, status FROM return_url_registrations`)).rows as Array<{
    upstream_id: string;
    status: string;
  }>;
  await db.end();
  await control.approveReturnUrl(registration.upstream_id);
  step(`credentials accepted; return URL registered (${registration.status}) and approved by EasyFreelance's admin`);

  await page.goto("/employees/new");
  await page.getByLabel(/^Email/).fill("first.employee@rehearsal.test");
  await page.getByLabel(/^First name/).fill("Første");
  await page.getByLabel(/^Last name/).fill("Ansatt");
  await page.getByRole("button", { name: "Add employee" }).click();
  await expect(page).toHaveURL(/\/employees\/[^/?]+\?added=created$/);
  step("employee added (POST /users)");

  await page.getByRole("button", { name: "Verify Første Ansatt" }).click();
  const dialog = page.getByRole("dialog", { name: "Verify Første Ansatt" });
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const link = await dialog.getByLabel("Verification link").inputValue();
  const employee = await browser.newPage();
  await employee.goto(link);
  await employee.getByRole("button", { name: "Approve", exact: true }).click();
  // EasyFreelance sends the employee back with lang=nb: the status page answers in Norwegian.
  await expect(employee.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await page.goto("/employees?status=approved");
  await expect(page.getByText("1 employee", { exact: true })).toBeVisible();
  step("verified end to end: HR's link, the provider, the return, the status page, the Verified filter");
  await page.goto("/settings");
  await expect(page.getByTestId("registration").locator("[data-approval]")).toHaveAttribute("data-approval", "approved");
  step("Settings: return URL approved, learnt from the verification");
  console.log("[rehearsal] passed");
} catch (error) {
  console.error(`[rehearsal] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await stack?.stop();
  await pooler?.stop();
  await database?.stop();
}
