// Database plumbing for the dev server and the tests (never imported by the portal itself).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "../../lib/db/migrations";

export type Database = { url: string; embedded: boolean; stop(): Promise<void> };

/** A fresh, empty database on an existing PostgreSQL server; dropped again by stop(). */
async function createScratchDatabase(serverUrl: string, prefix = "portal_test"): Promise<Database> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export type DatabaseChoice = {
  url?: string;
  serverUrl?: string;
  prefix?: string;
  dataDir?: string;
  port?: number;
  /** false: leave the migrations to the caller (the production rehearsal runs `db:migrate` itself). */
  migrate?: boolean;
};

/**
 * The database for a run, migrated: `url`, an existing database (kept by stop()); `serverUrl`, a scratch
 * database on that PostgreSQL server (`<prefix>_<random>`, dropped by stop()); neither, embedded PGlite in
 * `dataDir` (in memory without one) on `port` (a free one without one).
 */
export async function openDatabase(choice: DatabaseChoice): Promise<Database & { migrationsApplied: number }> {
  const database: Database = choice.url
    ? { url: choice.url, embedded: false, stop: async () => {} }
    : choice.serverUrl
      ? await createScratchDatabase(choice.serverUrl, choice.prefix)
      : await startEmbedded(choice.dataDir, choice.port ?? (await freePort()));
  try {
    if (choice.migrate === false) return { ...database, migrationsApplied: 0 };
    const migrations = await applyMigrations(database.url);
    return { ...database, migrationsApplied: migrations.applied.length };
  } catch (error) {
    await database.stop().catch(() => {});
    throw error;
  }
}

async function startEmbedded(dataDir: string | undefined, port: number): Promise<Database> {
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

export function freePort(): Promise<number> {
  return import("node:net").then(
    ({ createServer }) =>
      new Promise<number>((resolve, reject) => {
        const server = createServer();
        server.listen(0, "127.0.0.1", () => {
          const address = server.address();
          server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
        });
      }),
  );
}
