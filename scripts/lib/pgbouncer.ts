// PgBouncer in transaction mode (what Neon's and Supabase's pooled URLs are) in front of a PostgreSQL
// server, started and stopped by the tests and the production rehearsal themselves (never the system service).
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./database";

/** The pgbouncer binary, if installed (PGBOUNCER_BIN names another one, or a missing one to see the skip). */
export function findPgbouncer(): string | undefined {
  return (process.env.PGBOUNCER_BIN ? [process.env.PGBOUNCER_BIN] : ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"]).find(
    (path) => existsSync(path),
  );
}

function version(bin: string): [number, number] {
  const match = /PgBouncer (\d+)\.(\d+)/.exec(spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout ?? "");
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

export type Pgbouncer = { url(database: string): string; log(): string; stop(): Promise<void> };

/** Starts pgbouncer in transaction mode in front of the server of `server` (trust auth, user postgres). */
export async function startPgbouncer(bin: string, server: URL): Promise<Pgbouncer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "pgbouncer-"));
  const [major, minor] = version(bin);
  writeFileSync(join(dir, "userlist.txt"), `"postgres" ""\n`);
  writeFileSync(
    join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "default_pool_size = 10",
      // node-postgres sends these; PgBouncer refuses unknown startup parameters.
      "ignore_startup_parameters = extra_float_digits,options",
      // PgBouncer ≥ 1.21 tracks protocol-level (named) prepared statements across server connections. Prisma's
      // adapter-pg and node-postgres use unnamed ones (safe on any version); the setting covers named ones too.
      ...(major > 1 || (major === 1 && minor >= 21) ? ["max_prepared_statements = 100"] : []),
      // It refuses to run as root: drop to the postgres user.
      ...(process.getuid?.() === 0 ? ["user = postgres"] : []),
    ].join("\n") + "\n",
  );
  chmodSync(dir, 0o755);
  const child = spawn(bin, [join(dir, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url("postgres") });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (child.exitCode !== null || attempt > 50) throw new Error(`pgbouncer did not start: ${(error as Error).message}\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, log: () => log, stop };
}
