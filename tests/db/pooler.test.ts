// Migrations and the portal's queries through PgBouncer in transaction mode (what Neon's and Supabase's
// pooled URLs are), in front of the PostgreSQL server: the test starts and stops its own pgbouncer.
// Skips when pgbouncer is not installed, unless REQUIRE_PGBOUNCER=1 (.ci/run), where it fails instead.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrations";
import { findPgbouncer, startPgbouncer, type Pgbouncer } from "../../scripts/lib/pgbouncer";
import { queryOnce } from "../support/db";

const pgbouncer = findPgbouncer();
const required = process.env.REQUIRE_PGBOUNCER === "1";
const onServer = inject("databaseKind") === "PostgreSQL server";

function runMigrate(databaseUrl: string) {
  // Only the pooled URL: the migrator must cope with the pooler itself.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_URL_UNPOOLED: "", DIRECT_URL: "" };
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const schemaSql = `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY 1`;

if (!pgbouncer && required) {
  describe("migrations and queries through PgBouncer (transaction mode)", () => {
    it("needs pgbouncer (REQUIRE_PGBOUNCER=1)", () => {
      throw new Error("REQUIRE_PGBOUNCER=1 but pgbouncer is not installed (apt-get install -y pgbouncer).");
    });
  });
} else if (!pgbouncer || !onServer) {
  const reason = !pgbouncer
    ? "pgbouncer is not installed (apt-get install -y pgbouncer)"
    : "it needs the PostgreSQL server (DATABASE_URL), not embedded PGlite";
  console.warn(`[tests] skipping the PgBouncer test: ${reason}.`);
  describe.skip(`migrations and queries through PgBouncer (transaction mode) — skipped: ${reason}`, () => {
    it("skipped", () => {});
  });
} else {
  describe("migrations and queries through PgBouncer (transaction mode)", () => {
    const server = new URL(inject("databaseUrl"));
    const name = `portal_pooler_${randomBytes(4).toString("hex")}`;
    const serverUrl = (database: string) => Object.assign(new URL(server), { pathname: `/${database}` }).toString();
    let bouncer: Pgbouncer | undefined;

    beforeAll(async () => {
      await queryOnce(serverUrl("postgres"), `CREATE DATABASE "${name}"`);
      bouncer = await startPgbouncer(pgbouncer, server);
    });

    afterAll(async () => {
      await bouncer?.stop();
      await queryOnce(serverUrl("postgres"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });

    it("runs two `db:migrate` at once: both succeed, one applies every migration, the other none", async () => {
      const committed = readMigrations(join(process.cwd(), "prisma", "migrations")).map((migration) => migration.name);
      const runs = await Promise.all([runMigrate(bouncer!.url(name)), runMigrate(bouncer!.url(name))]);
      for (const run of runs) expect(run.code, run.output).toBe(0);
      const outputs = runs.map((run) => run.output.trim()).sort();
      expect(outputs[0]).toBe(`Migrations (DATABASE_URL): 0 applied, ${committed.length} already applied.`);
      expect(outputs[1]).toBe(`Migrations (DATABASE_URL): ${committed.length} applied (${committed.join(", ")}), 0 already applied.`);

      const recorded = await queryOnce<{ migration_name: string }>(serverUrl(name), `SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
      expect(recorded.map((row) => row.migration_name)).toEqual(committed);
      // Complete: the same tables and indexes as the test run's database, migrated directly.
      expect(await queryOnce(serverUrl(name), schemaSql)).toEqual(await queryOnce(inject("databaseUrl"), schemaSql));
      // The transaction-scoped lock did not stay on any of PgBouncer's server connections.
      expect(await queryOnce(serverUrl(name), `SELECT 1 FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([]);
    }, 60_000);

    it("serves the portal's Prisma queries, transactions and the one-active-session rule (P2002)", async () => {
      const prisma = createPrismaClient(bouncer!.url(name), { max: 3 });
      try {
        const efUserId = 500_000 + randomBytes(2).readUInt16BE(0);
        const employee = await prisma.employee.create({
          data: { efUserId, email: `pooler-${efUserId}@test.invalid`, firstName: "Pooler", lastName: "Test" },
        });
        const session = (reference: string) => ({
          reference,
          employeeId: employee.id,
          provider: "veriff" as const,
          status: "pending" as const,
          returnUrl: "http://portal.test/return/x",
        });
        // Interactive transaction: every statement must reach the same server connection.
        await prisma.$transaction(async (tx) => {
          await tx.verificationSession.create({ data: session(`ref-${randomBytes(6).toString("hex")}`) });
          await tx.employee.update({ where: { id: employee.id }, data: { internalId: "P-1" } });
        });
        const error = await prisma.verificationSession.create({ data: session(`ref-${randomBytes(6).toString("hex")}`) }).catch((caught) => caught);
        expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
        expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
        // The same parameterised queries, many times and in parallel, over the pool's connections.
        const found = await Promise.all(
          Array.from({ length: 30 }, () => prisma.employee.findUniqueOrThrow({ where: { id: employee.id }, include: { sessions: true } })),
        );
        for (const row of found) {
          expect(row.internalId).toBe("P-1");
          expect(row.latestStatus).toBe("pending");
          expect(row.sessions).toHaveLength(1);
        }
      } finally {
        await prisma.$disconnect();
      }
    }, 60_000);
  });
}
