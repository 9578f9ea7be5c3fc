import { mkdtempSync, cpSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import pg from "pg";
import { applyMigrations, readMigrations } from "@/lib/db/migrations";

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
