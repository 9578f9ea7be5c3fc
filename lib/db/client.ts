import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { attachDatabasePool } from "@vercel/functions";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pgConnectionConfig, type ConnectionSettings } from "@/lib/db/pg-config";

// One client per server instance; dev's hot reload would otherwise open a pool per reload.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export type PoolSettings = ConnectionSettings & { max?: number; idleTimeoutMs?: number };

export function createPrismaClient(connectionString: string, settings: PoolSettings = {}) {
  const pool = new pg.Pool({
    ...pgConnectionConfig(connectionString, settings),
    max: settings.max ?? 5,
    idleTimeoutMillis: settings.idleTimeoutMs ?? 5_000,
  });
  // On Vercel (Fluid compute) keeps the function alive until idle clients are closed, so a suspended
  // instance does not leave connections open; elsewhere it does nothing.
  attachDatabasePool(pool);
  // The adapter ends the pool with the client ($disconnect).
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export function prisma(): PrismaClient {
  const settings = env();
  globalForPrisma.prisma ??= createPrismaClient(settings.DATABASE_URL, {
    caCert: settings.DATABASE_CA_CERT,
    connectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS,
    max: settings.DATABASE_POOL_MAX,
    idleTimeoutMs: settings.DATABASE_IDLE_TIMEOUT_MS,
  });
  return globalForPrisma.prisma;
}
