import { randomBytes } from "node:crypto";
import { mkdtempSync, cpSync, appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import pg from "pg";
import { applyMigrations, MigrationTimeoutError, PRISMA_MIGRATE_LOCK, readMigrations } from "@/lib/db/migrations";
import { queryOnce } from "../support/db";

const migrationsDir = join(process.cwd(), "prisma", "migrations");

describe("migration applier", () => {
  it("has recorded every committed migration the way Prisma does", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    const committed = readMigrations(migrationsDir);
    expect(rows.map((row) => row.migration_name)).toEqual(committed.map((migration) => migration.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(committed[index].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("is idempotent", async () => {
    const result = await applyMigrations(inject("databaseUrl"), migrationsDir);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied.length).toBe(readMigrations(migrationsDir).length);
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrations-"));
    cpSync(migrationsDir, dir, { recursive: true });
    const first = readMigrations(dir)[0];
    appendFileSync(join(dir, first.name, "migration.sql"), "\n-- edited\n");
    await expect(applyMigrations(inject("databaseUrl"), dir)).rejects.toThrow(/was edited after it was applied/);
  });
});

// Runs against a scratch database of its own on the PostgreSQL server (CI, DATABASE_URL set); embedded
// PGlite serves one database only.
const onServer = inject("databaseKind") === "PostgreSQL server";

async function scratchDatabase() {
  const server = new URL(inject("databaseUrl"));
  server.pathname = "/postgres";
  const name = `portal_migrate_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The committed migrations plus one more, in a temporary folder. */
function migrationsWith(name: string, sql: string) {
  const dir = mkdtempSync(join(tmpdir(), "migrations-"));
  cpSync(migrationsDir, dir, { recursive: true });
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, "migration.sql"), sql);
  return dir;
}

describe.skipIf(!onServer)("migration applier on a fresh database", () => {
  it("lets two concurrent runs both succeed: one applies everything, the other finds nothing to do", async () => {
    const db = await scratchDatabase();
    try {
      const results = await Promise.all([applyMigrations(db.url, migrationsDir), applyMigrations(db.url, migrationsDir)]);
      const committed = readMigrations(migrationsDir).map((migration) => migration.name);
      expect(results.map((result) => result.applied.length).sort()).toEqual([0, committed.length]);
      expect(results.find((result) => result.applied.length === 0)!.alreadyApplied).toEqual(committed);
      const rows = await queryOnce<{ migration_name: string }>(db.url, `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((row) => row.migration_name)).toEqual(committed);
      // Transaction-scoped: nothing is left holding Prisma's advisory lock.
      expect(await queryOnce(db.url, `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = ${PRISMA_MIGRATE_LOCK}`)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it("holds Prisma's lock in an open transaction of another session while a migration runs", async () => {
    const db = await scratchDatabase();
    try {
      const dir = migrationsWith(
        "29991231000000_lock_probe",
        `CREATE TABLE "lock_probe" AS
           SELECT l.pid <> pg_backend_pid() AS other_session, a.xact_start IS NOT NULL AS in_transaction,
                  pg_try_advisory_lock(${PRISMA_MIGRATE_LOCK}) AS free_for_prisma
           FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.objid = ${PRISMA_MIGRATE_LOCK} AND l.granted;`,
      );
      await applyMigrations(db.url, dir);
      expect(await queryOnce(db.url, `SELECT * FROM "lock_probe"`)).toEqual([{ other_session: true, in_transaction: true, free_for_prisma: false }]);
    } finally {
      await db.drop();
    }
  });

  it("does nothing (no lock, no DDL) when the database is up to date", async () => {
    const db = await scratchDatabase();
    try {
      await applyMigrations(db.url, migrationsDir);
      // Even with Prisma's lock taken elsewhere, an up-to-date run returns at once.
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      await other.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
      try {
        const started = Date.now();
        const result = await applyMigrations(db.url, migrationsDir, { statementTimeoutMs: 1000 });
        expect(result.applied).toEqual([]);
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await other.end();
      }
    } finally {
      await db.drop();
    }
  });

  it("names the lock timeout when a migration waits too long for a table lock", async () => {
    const db = await scratchDatabase();
    try {
      await applyMigrations(db.url, migrationsDir);
      const dir = migrationsWith("29991231000000_add_column", `ALTER TABLE "employees" ADD COLUMN "probe" TEXT;`);
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      await other.query(`BEGIN; LOCK TABLE "employees" IN ACCESS SHARE MODE`);
      try {
        const error = await applyMigrations(db.url, dir, { lockTimeoutMs: 200 }).catch((caught: Error) => caught);
        expect(error).toBeInstanceOf(MigrationTimeoutError);
        expect((error as Error).message).toMatch(
          /^Migration 29991231000000_add_column waited longer than the lock timeout \(MIGRATE_LOCK_TIMEOUT_MS=200 ms\)/,
        );
      } finally {
        await other.end();
      }
      const rows = await queryOnce(db.url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_add_column'`);
      expect(rows).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it("names the statement timeout when a migration runs too long, and when another run holds the lock too long", async () => {
    const db = await scratchDatabase();
    try {
      await applyMigrations(db.url, migrationsDir);
      const slow = migrationsWith("29991231000000_slow", `SELECT pg_sleep(5);`);
      const error = await applyMigrations(db.url, slow, { statementTimeoutMs: 1000 }).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(MigrationTimeoutError);
      expect((error as Error).message).toMatch(
        /^Migration 29991231000000_slow ran longer than the statement timeout \(MIGRATE_STATEMENT_TIMEOUT_MS=1000 ms\)/,
      );

      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      await other.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
      try {
        const waited = await applyMigrations(db.url, slow, { statementTimeoutMs: 1000 }).catch((caught: Error) => caught);
        expect((waited as Error).message).toMatch(
          /^Waiting for another migration run \(advisory lock\) ran longer than the statement timeout \(MIGRATE_STATEMENT_TIMEOUT_MS=1000 ms\)\. Nothing was applied/,
        );
      } finally {
        await other.end();
      }
    } finally {
      await db.drop();
    }
  });
});
