// /api/health against the test database, and against a database that does not answer.
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { checkHealth, committedMigrations, healthResponse } from "@/lib/health";
import { GET } from "@/app/api/health/route";
import { GET as live } from "@/app/api/health/live/route";

process.env.GIT_COMMIT = "0123abc";
const closed = createPrismaClient("postgresql://portal:hunter2-db-password@127.0.0.1:1/portal");
afterAll(() => closed.$disconnect());

describe("/api/health", () => {
  it("answers 200 with the database, migration state and deployed commit", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true, database: "ok", migrations: "current", commit: "0123abc" });
  });

  it("says pending when a committed migration is not applied", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migrations-"));
    for (const name of [...(await committedMigrations())!, "29991231000000_not_yet"]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "migration.sql"), "SELECT 1;");
    }
    expect(await checkHealth({ migrationsDir: dir })).toMatchObject({ ok: true, migrations: "pending" });
    expect(await checkHealth({ migrationsDir: join(dir, "missing") })).toMatchObject({ ok: true, migrations: "unknown" });
  });

  it("answers 503 without details when the database is unreachable", async () => {
    const response = healthResponse(await checkHealth({ db: closed }));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ ok: false, database: "unreachable", commit: "0123abc" });
    for (const detail of ["127.0.0.1", "hunter2", "ECONNREFUSED", "postgresql", "portal"]) expect(text).not.toContain(detail);
  });

  it("answers 503 within the timeout when the database hangs", async () => {
    const hanging = { $queryRawUnsafe: () => new Promise<never>(() => {}) };
    const started = Date.now();
    expect(await checkHealth({ db: hanging, timeoutMs: 200 })).toEqual({ ok: false, database: "unreachable", commit: "0123abc" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("/api/health/live answers without the database", async () => {
    expect((await live()).status).toBe(200);
  });
});
