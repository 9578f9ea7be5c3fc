// Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) over a plain
// PostgreSQL connection. Prisma 7's `migrate deploy` needs a native engine that our machines
// cannot download; this applier needs none and records each migration in `_prisma_migrations`
// exactly as Prisma does, so `prisma migrate deploy/status` accept the database later.
//
// Safe behind a transaction-mode pooler (PgBouncer, Neon's pooled URL) and under concurrent deploys: a run
// holds Prisma's advisory lock as a transaction-scoped lock (released by COMMIT/ROLLBACK or a dropped
// connection, never left on a pooled server connection), each migration runs in its own transaction with
// SET LOCAL timeouts (a plain SET would stay on the pooled server connection), and a second run waits,
// then finds nothing to do. Up to date, it only reads `_prisma_migrations`: no lock, no DDL.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

export type MigrationOptions = {
  /** How long one migration statement may wait for a table lock (lock_timeout; MIGRATE_LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
  /** How long one statement may run, and how long to wait for another run's lock (statement_timeout; MIGRATE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
};

export const MIGRATION_DEFAULTS = { lockTimeoutMs: 10_000, statementTimeoutMs: 300_000 } as const;

// The same advisory lock key Prisma's migrate uses, so the two never run at once.
export const PRISMA_MIGRATE_LOCK = 72707369;

export class MigrationTimeoutError extends Error {}

type Migration = { name: string; sql: string; checksum: string };
type Recorded = { migration_name: string; checksum: string; finished_at: Date | null };

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

async function readRecorded(client: pg.Client): Promise<Recorded[] | null> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  if (!rows[0].exists) return null;
  const recorded = await client.query<Recorded>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  return recorded.rows;
}

/** Which committed migrations are pending; throws on a failed or edited one. */
function plan(migrations: Migration[], rows: Recorded[]) {
  const recorded = new Map(rows.map((row) => [row.migration_name, row]));
  const pending: Migration[] = [];
  const alreadyApplied: string[] = [];
  for (const migration of migrations) {
    const previous = recorded.get(migration.name);
    if (previous && !previous.finished_at) {
      throw new Error(`Migration ${migration.name} failed earlier and was never resolved; fix the database, then mark it rolled back.`);
    }
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead.`);
      }
      alreadyApplied.push(migration.name);
    } else pending.push(migration);
  }
  return { pending, alreadyApplied };
}

// PostgreSQL's codes for "lock_timeout expired" and "canceled (statement_timeout)".
function explainTimeout(
  error: unknown,
  step: string,
  options: Required<MigrationOptions>,
  outcome = "That migration was rolled back",
): Error | undefined {
  const code = (error as { code?: string }).code;
  if (code === "55P03") {
    return new MigrationTimeoutError(
      `${step} waited longer than the lock timeout (MIGRATE_LOCK_TIMEOUT_MS=${options.lockTimeoutMs} ms) for a table lock held by another ` +
        `session (a long query or an open transaction). ${outcome}; retry when the database is quieter or raise MIGRATE_LOCK_TIMEOUT_MS.`,
    );
  }
  if (code === "57014") {
    return new MigrationTimeoutError(
      `${step} ran longer than the statement timeout (MIGRATE_STATEMENT_TIMEOUT_MS=${options.statementTimeoutMs} ms). ` +
        `${outcome}; raise MIGRATE_STATEMENT_TIMEOUT_MS if the migration needs longer.`,
    );
  }
  return undefined;
}

function setLocalTimeouts(client: pg.Client, settings: Required<MigrationOptions>) {
  // Whole milliseconds from validated numbers: safe to inline (SET takes no parameters).
  return client.query(
    `SET LOCAL statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}; SET LOCAL lock_timeout = ${Math.trunc(settings.lockTimeoutMs)}`,
  );
}

export async function applyMigrations(
  connection: string | pg.ClientConfig,
  dir = join(process.cwd(), "prisma", "migrations"),
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  const settings = { ...MIGRATION_DEFAULTS, ...options };
  const config = typeof connection === "string" ? { connectionString: connection } : connection;
  const migrations = readMigrations(dir);
  const client = new pg.Client(config);
  await client.connect();
  let holder: pg.Client | undefined;
  let sessionLocked = false;
  try {
    // Fast path: everything recorded, nothing to lock or change.
    const before = await readRecorded(client);
    if (before && plan(migrations, before).pending.length === 0) return { applied: [], alreadyApplied: plan(migrations, before).alreadyApplied };

    // The lock is held by an open transaction on a second connection for the whole run, because each
    // migration must commit on its own (a new enum value cannot be used in the transaction that adds it).
    // COMMIT, ROLLBACK or a dropped connection releases it; nothing session-scoped is left on a pooled
    // server connection. Another deploy's run may take a while: it is waited for up to the statement timeout.
    // Embedded PGlite (npm run dev, tests without DATABASE_URL) serves one transaction at a time across its
    // connections, so a lock-holding transaction would block the migrations themselves. It is one process's
    // own database, behind no pooler: a session lock on the same connection is safe there.
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    let lockLost: Error | undefined;
    if (/\bPGlite\b/.test(rows[0].version)) {
      await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
      sessionLocked = true;
    } else {
      holder = new pg.Client(config);
      holder.on("error", (error) => (lockLost = error));
      await holder.connect();
      await holder.query("BEGIN");
      try {
        await holder.query(
          `SET LOCAL statement_timeout = ${Math.trunc(settings.statementTimeoutMs)}; SET LOCAL lock_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0`,
        );
        await holder.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
      } catch (error) {
        throw explainTimeout(error, "Waiting for another migration run (advisory lock)", settings, "Nothing was applied") ?? error;
      }
    }

    let step = "Creating _prisma_migrations";
    const applied: string[] = [];
    try {
      await client.query("BEGIN");
      await setLocalTimeouts(client, settings);
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      await client.query("COMMIT");
      // Read again under the lock: a concurrent run may have applied them meanwhile.
      const { pending, alreadyApplied } = plan(migrations, (await readRecorded(client)) ?? []);
      for (const migration of pending) {
        if (lockLost) throw new Error(`Lost the migration lock's connection: ${lockLost.message}`);
        step = `Migration ${migration.name}`;
        await client.query("BEGIN");
        await setLocalTimeouts(client, settings);
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
        applied.push(migration.name);
      }
      return { applied, alreadyApplied };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      const done = applied.length ? ` (${applied.length} earlier migration(s) of this run stay applied: ${applied.join(", ")})` : "";
      const timeout = explainTimeout(error, step, settings);
      if (timeout) throw new MigrationTimeoutError(timeout.message + done);
      throw new Error(`${step} failed and was rolled back${done}: ${(error as Error).message}`);
    }
  } finally {
    if (sessionLocked) await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await holder?.query("COMMIT").catch(() => {});
    await holder?.end().catch(() => {});
    await client.end();
  }
}
