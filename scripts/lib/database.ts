// Database plumbing for the dev server and the tests (never imported by the portal itself).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "../../lib/db/migrations";

export type Database = { url: string; embedded: boolean; stop(): Promise<void> };

/** A fresh, empty database on an existing PostgreSQL server; dropped again by stop(). */
export async function createScratchDatabase(serverUrl: string, prefix = "portal_test"): Promise<Database> {
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

/**
 * The database for a run: a scratch database on DATABASE_URL's server when one is named,
 * otherwise embedded PostgreSQL (PGlite) in `dataDir` (or in memory). Migrated on the way out.
 */
export async function openTestDatabase(options: { serverUrl?: string; port: number; prefix?: string }): Promise<Database> {
  const database = options.serverUrl
    ? await createScratchDatabase(options.serverUrl, options.prefix)
    : await startEmbedded(undefined, options.port);
  await applyMigrations(database.url);
  return database;
}

export async function startEmbedded(dataDir: string | undefined, port: number): Promise<Database> {
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
