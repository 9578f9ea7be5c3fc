import "server-only";
import { readdir, access } from "node:fs/promises";
import { join } from "node:path";
import { env } from "@/lib/env";
import { prisma } from "@/lib/db/client";

// What /api/health reports: whether the database answers, whether the committed migrations are all applied,
// and which commit is deployed. Never a URL, host or error text: the route is public.

export type Health =
  | { ok: true; database: "ok"; migrations: "current" | "pending" | "unknown"; commit: string }
  | { ok: false; database: "unreachable"; commit: string };

type Db = { $queryRawUnsafe<T = unknown>(query: string): Promise<T> };

export const HEALTH_TIMEOUT_MS = 2_000;

/** The commit this deployment was built from, or "unknown" (only a plain commit-like token is shown). */
export function deployedCommit(): string {
  const config = env();
  const commit = config.VERCEL_GIT_COMMIT_SHA || config.GIT_COMMIT || "";
  return /^[A-Za-z0-9._-]{1,64}$/.test(commit) ? commit : "unknown";
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The committed migrations (prisma/migrations/<name>/migration.sql). next.config.mjs traces the folder into
 * the health route's function, so it is there on Vercel too; null when it cannot be read.
 */
export async function committedMigrations(dir = join(process.cwd(), "prisma", "migrations")): Promise<string[] | null> {
  try {
    // turbopackIgnore: the folder reaches the function through next.config.mjs's outputFileTracingIncludes;
    // tracing this dynamic path would pull the whole project into it.
    const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
    const names: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      try {
        await access(/*turbopackIgnore: true*/ join(dir, entry.name, "migration.sql"));
        names.push(entry.name);
      } catch {
        // Not a migration (no migration.sql).
      }
    }
    return names.length > 0 ? names.sort() : null;
  } catch {
    return null;
  }
}

export async function checkHealth(options: { db?: Db; timeoutMs?: number; migrationsDir?: string } = {}): Promise<Health> {
  const commit = deployedCommit();
  const timeoutMs = options.timeoutMs ?? HEALTH_TIMEOUT_MS;
  let db: Db;
  try {
    db = options.db ?? prisma();
    await withTimeout(db.$queryRawUnsafe("SELECT 1"), timeoutMs);
  } catch {
    return { ok: false, database: "unreachable", commit };
  }
  return { ok: true, database: "ok", migrations: await migrationState(db, timeoutMs, options.migrationsDir), commit };
}

async function migrationState(db: Db, timeoutMs: number, dir?: string): Promise<"current" | "pending" | "unknown"> {
  const committed = await committedMigrations(dir);
  if (!committed) return "unknown";
  let applied: Set<string>;
  try {
    // Applied = finished and not rolled back (Prisma's own table, also written by lib/db/migrations.ts).
    const rows = await withTimeout(
      db.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      ),
      timeoutMs,
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    // No migrations table yet: nothing has been applied. Anything else: we cannot tell.
    return /_prisma_migrations/.test(error instanceof Error ? error.message : "") ? "pending" : "unknown";
  }
  return committed.every((name) => applied.has(name)) ? "current" : "pending";
}

export function healthResponse(health: Health): Response {
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
