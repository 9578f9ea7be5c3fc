// The zero-setup database: PGlite (PostgreSQL compiled to WASM, data in a folder) behind a
// Postgres wire-protocol socket, so the portal uses the same driver adapter as in production.
// One process must own the data folder; everything else (Next.js, migrations) connects to the socket.
// keepExchangesTogether below replaces internals of @electric-sql/pglite-socket (its private query queue), so
// package.json pins that package to one exact version: check this patch before changing it.
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
  keepExchangesTogether(server, db);
  await server.start();
  return {
    url: `postgresql://postgres:postgres@${host}:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
};
type QueryQueue = {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(id: number): void;
};

/**
 * pglite-socket 0.2 serves its connections from one queue, message by message. Outside a transaction it
 * interleaves the extended-protocol messages of different connections (Parse/Bind of one between the
 * Bind and Execute of another), and the single PGlite backend then loses the first one's unnamed portal
 * ("portal \"\" does not exist") as soon as two pool connections query at once. This keeps each
 * connection's exchange — up to its Sync or simple Query — together, as a real server's backends do.
 */
function keepExchangesTogether(server: PGLiteSocketServer, db: PGlite) {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  const SYNC = 0x53;
  const QUERY = 0x51;
  let midExchange = false;
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let next: QueuedMessage | undefined;
        if ((midExchange || db.isInTransaction()) && this.lastHandlerId !== null) {
          const index = this.queue.findIndex((item) => item.handlerId === this.lastHandlerId);
          if (index === -1) break; // wait for the rest of this connection's exchange
          next = this.queue.splice(index, 1)[0];
        } else {
          next = this.queue.shift();
        }
        if (!next) break;
        const item = next;
        const type = item.message[0];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          item.reject(error);
          continue;
        }
        midExchange = type !== SYNC && type !== QUERY;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (id: number) => {
    clear(id);
    // A connection that went away mid-exchange must not hold the others back.
    if (queue.lastHandlerId === id) {
      midExchange = false;
      setImmediate(() => void queue.processQueue());
    }
  };
}
