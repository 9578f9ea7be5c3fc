// The one launcher of the portal's stack, for `npm run dev` (scripts/dev.ts), the e2e suite
// (scripts/e2e-server.ts) and the benchmarks (bench/run.ts): a database (an existing one, a scratch database
// on a PostgreSQL server, or embedded PGlite), migrations, the demo seed, the EasyFreelance sandbox (in this
// process or its own), the portal's environment, `next build`/`next dev`/`next start`, and cleanup.
// Never imported by the portal itself.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { createWriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { seedDemoData } from "../../lib/db/seed";
import { startSandbox } from "../../sandbox/server";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";
import { openDatabase, type DatabaseChoice } from "./database";

export type StackOptions = {
  /** Which database (see openDatabase): an existing one, a scratch one on a server, or embedded PGlite. */
  database: DatabaseChoice;
  /**
   * Adds the demo staff and employees (idempotent), and lets them sign in even to a production build
   * (ALLOW_DEMO_ACCOUNTS=1, see lib/auth/demo-accounts.ts): the e2e suite and the benchmarks run `next start`.
   */
  seed?: boolean;
  /** The portal's public URL (APP_URL). */
  appUrl: string;
  authSecret: string;
  /**
   * The EasyFreelance sandbox the portal talks to, or false to leave EASYFREELANCE_* to the environment.
   * `credentials` are partner 1's (default: the sandbox's public ones), and the portal's; partner 2 keeps
   * the sandbox's "other partner" credentials. `ownProcess` runs it in a child process (so its work never
   * skews a load generator's clock); without `dataFile` its state is in memory.
   */
  sandbox:
    | false
    | {
        port: number;
        dataFile?: string;
        approvedReturnUrls: string[];
        credentials?: { token: string; apiKey: string };
        ownProcess?: boolean;
        /** The SMTP catcher's port (0 = random): the portal then sends mail to it (SMTP_URL, MAIL_FROM). */
        smtpPort?: number;
      };
  /** Further portal settings (NODE_ENV, STATUS_REFRESH_SECONDS, …), over the ones above. */
  env?: Record<string, string>;
};

export type Stack = {
  databaseUrl: string;
  /** The database is embedded PGlite. */
  embedded: boolean;
  migrationsApplied: number;
  /** undefined when the sandbox is not ours (sandbox: false). */
  sandbox?: { url: string; apiBaseUrl: string; smtpUrl?: string };
  /** The portal's environment (process.env and the stack's settings), for scripts run against it. */
  env(): NodeJS.ProcessEnv;
  /** Runs `next build`; its output is also written to `log` when given. Returns the exit code. */
  build(options?: { log?: string; output?: "inherit" | "ignore" }): number;
  /** Spawns `next dev|start`; resolves once `waitFor` (a path) answers 2xx, when given. */
  startNext(options: NextOptions): Promise<ChildProcess>;
  /** Stops every process this stack started, the sandbox and the database (dropping a scratch one). */
  stop(): Promise<void>;
  /** Stops the stack on SIGINT/SIGTERM and when `next` exits, then exits with the right code. */
  exitWith(next: ChildProcess): void;
};

type NextOptions = {
  mode: "dev" | "start";
  port: number;
  host?: string;
  appUrl?: string;
  /** inherit: the terminal's; ignore: stdout dropped, stderr shown; or shown and also written to `tee`. */
  output: "inherit" | "ignore" | { tee: string };
  waitFor?: string;
};

const NEXT_BIN = join("node_modules", "next", "dist", "bin", "next");

export async function startStack(options: StackOptions): Promise<Stack> {
  const processes: ChildProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const proc of processes.reverse()) await stopProcess(proc);
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    })());

  try {
    const database = await openDatabase(options.database);
    cleanups.push(database.stop);
    const databaseUrl = database.url;
    if (options.seed) {
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
      await seedDemoData(db);
      await db.$disconnect();
    }

    let sandbox: Stack["sandbox"];
    const portalCredentials: Record<string, string> = {};
    if (options.sandbox) {
      const credentials = options.sandbox.credentials ?? { token: SANDBOX_DEFAULTS.token, apiKey: SANDBOX_DEFAULTS.apiKey };
      const sandboxOptions = {
        port: options.sandbox.port,
        host: "127.0.0.1",
        dataFile: options.sandbox.dataFile,
        approvedReturnUrls: options.sandbox.approvedReturnUrls,
        smtpPort: options.sandbox.smtpPort,
        partners: [
          { id: 1, ...credentials },
          { id: 2, token: SANDBOX_DEFAULTS.otherPartnerToken, apiKey: SANDBOX_DEFAULTS.otherPartnerApiKey },
        ],
      };
      if (options.sandbox.ownProcess) {
        const child = spawn(process.execPath, ["--import", "tsx", join("scripts", "lib", "sandbox-process.ts")], {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
          env: { ...process.env, SANDBOX_OPTIONS: JSON.stringify(sandboxOptions) },
        });
        processes.push(child);
        sandbox = await new Promise((resolve, reject) => {
          child.once("message", (message) => resolve(message as { url: string; apiBaseUrl: string; smtpUrl?: string }));
          child.once("exit", (code) => reject(new Error(`the sandbox process exited with ${code}`)));
        });
      } else {
        const running = await startSandbox(sandboxOptions);
        cleanups.push(running.close);
        sandbox = { url: running.url, apiBaseUrl: running.apiBaseUrl, smtpUrl: running.smtpUrl };
      }
      Object.assign(portalCredentials, {
        EASYFREELANCE_BASE_URL: sandbox!.apiBaseUrl,
        EASYFREELANCE_TOKEN: credentials.token,
        EASYFREELANCE_API_KEY: credentials.apiKey,
        // The sandbox's mail catcher receives the portal's mail (unless the environment names a mail server).
        ...(sandbox!.smtpUrl && !process.env.SMTP_URL ? { SMTP_URL: sandbox!.smtpUrl, MAIL_FROM: "EasyFreelance portal <portal@sandbox.test>" } : {}),
      });
    }

    // The portal's environment: process.env plus the stack's settings (for another APP_URL if given).
    const portalEnv = (appUrl = options.appUrl): NodeJS.ProcessEnv => ({
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      AUTH_SECRET: options.authSecret,
      ...portalCredentials,
      ...(options.seed ? { ALLOW_DEMO_ACCOUNTS: "1" } : {}),
      ...options.env,
    });

    const stack: Stack = {
      databaseUrl,
      embedded: database.embedded,
      migrationsApplied: database.migrationsApplied,
      sandbox,
      env: () => portalEnv(),
      build({ log, output = "inherit" } = {}) {
        const built = spawnSync(process.execPath, [NEXT_BIN, "build"], {
          stdio: ["inherit", "pipe", "pipe"],
          env: portalEnv(),
          maxBuffer: 64 * 1024 * 1024,
        });
        if (output === "inherit") {
          process.stdout.write(built.stdout);
          process.stderr.write(built.stderr);
        }
        if (log) writeFileSync(log, Buffer.concat([built.stdout, built.stderr]));
        return built.status ?? 1;
      },
      async startNext({ mode, port, host, appUrl, output, waitFor }) {
        const args = [NEXT_BIN, mode, "-p", String(port), ...(host ? ["-H", host] : [])];
        const stdio: StdioOptions =
          output === "inherit" ? "inherit" : output === "ignore" ? ["ignore", "ignore", "inherit"] : ["inherit", "pipe", "pipe"];
        const next = spawn(process.execPath, args, { stdio, env: portalEnv(appUrl) });
        processes.push(next);
        if (typeof output === "object") {
          const log = createWriteStream(output.tee);
          next.stdout!.on("data", (chunk: Buffer) => {
            process.stdout.write(chunk);
            log.write(chunk);
          });
          next.stderr!.on("data", (chunk: Buffer) => {
            process.stderr.write(chunk);
            log.write(chunk);
          });
        }
        if (waitFor) await waitUntilUp(`http://${host ?? "127.0.0.1"}:${port}${waitFor}`, next);
        return next;
      },
      stop,
      exitWith(next) {
        const exit = (code: number) => void stop().then(() => process.exit(code));
        process.on("SIGINT", () => exit(0));
        process.on("SIGTERM", () => exit(0));
        next.on("exit", (code) => exit(code ?? 0));
      },
    };
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM, resolved once the process has exited. */
export function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
}

async function waitUntilUp(url: string, proc: ChildProcess, seconds = 60) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`${url}: the server exited with ${proc.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}
