// One migrated database for the whole Vitest run: a scratch database on the PostgreSQL server named by
// DATABASE_URL when there is one (CI), otherwise embedded PostgreSQL (PGlite) in memory.
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../scripts/lib/database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await openDatabase({ serverUrl: process.env.DATABASE_URL, prefix: "portal_unit" });
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", database.embedded ? "embedded PGlite" : "PostgreSQL server");
  console.log(`[tests] database: ${database.embedded ? "embedded PGlite" : "scratch database on DATABASE_URL's server"}`);
  return () => database.stop();
}
