// `npm run db:migrate`: applies committed migrations to DATABASE_URL, offline or on Vercel.
import { applyMigrations } from "../lib/db/migrations";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: name the PostgreSQL database to migrate.");
  process.exit(1);
}
const { applied, alreadyApplied } = await applyMigrations(url);
console.log(`Migrations: ${applied.length} applied${applied.length ? ` (${applied.join(", ")})` : ""}, ${alreadyApplied.length} already applied.`);
