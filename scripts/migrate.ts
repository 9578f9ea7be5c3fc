// `npm run db:migrate`: applies committed migrations, offline or on Vercel. Uses the direct (unpooled)
// URL when there is one (DATABASE_URL_UNPOOLED, as Vercel's Neon integration names it, or DIRECT_URL),
// else DATABASE_URL; the applier is also safe through a transaction-mode pooler (lib/db/migrations.ts).
import { ConfigurationError, parseMigrateEnv } from "../lib/env-schema";
import { pgConnectionConfig } from "../lib/db/pg-config";
import { applyMigrations, MigrationTimeoutError } from "../lib/db/migrations";

try {
  const settings = parseMigrateEnv(process.env);
  const [name, url] = settings.DATABASE_URL_UNPOOLED
    ? ["DATABASE_URL_UNPOOLED", settings.DATABASE_URL_UNPOOLED]
    : settings.DIRECT_URL
      ? ["DIRECT_URL", settings.DIRECT_URL]
      : ["DATABASE_URL", settings.DATABASE_URL];
  const connection = pgConnectionConfig(url, { caCert: settings.DATABASE_CA_CERT, connectTimeoutMs: settings.DATABASE_CONNECT_TIMEOUT_MS });
  const { applied, alreadyApplied } = await applyMigrations(connection, undefined, {
    lockTimeoutMs: settings.MIGRATE_LOCK_TIMEOUT_MS,
    statementTimeoutMs: settings.MIGRATE_STATEMENT_TIMEOUT_MS,
  });
  console.log(
    `Migrations (${name}): ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${alreadyApplied.length} already applied.`,
  );
} catch (error) {
  // Configuration and timeout errors are written for the deploy log; others keep their stack.
  console.error(error instanceof ConfigurationError || error instanceof MigrationTimeoutError ? error.message : error);
  process.exit(1);
}
