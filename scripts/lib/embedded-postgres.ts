// The zero-setup database: PGlite (PostgreSQL compiled to WASM, data in a folder) behind a
// Postgres wire-protocol socket, so the portal uses the same driver adapter as in production.
// One process must own the data folder; everything else (Next.js, migrations) connects to the socket.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: { dataDir?: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm backs the employee search indexes (the migrations CREATE EXTENSION it).
  const extensions = { pg_trgm };
  const db = options.dataDir ? await PGlite.create(options.dataDir, { extensions }) : await PGlite.create({ extensions });
  // Without maxConnections > 1, extra pool connections are dropped instead of queued.
  const server = new PGLiteSocketServer({ db, host, port: options.port, maxConnections: 50 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${host}:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
