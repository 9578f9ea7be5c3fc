// `npm run db:seed`: demo staff and employees into DATABASE_URL (idempotent). Refused on Vercel and in
// production unless `--force` (scripts/lib/seed-guard.ts): the first real admin comes from `npm run admin:create`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "../lib/db/seed";
import { seedRefusal } from "./lib/seed-guard";

const refusal = seedRefusal(process.env, process.argv.slice(2));
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: name the PostgreSQL database to seed.");
  process.exit(1);
}
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
await seedDemoData(db);
await db.$disconnect();
console.log(`Seeded demo data. Sign in as ${DEMO_STAFF[0].email} / ${DEMO_PASSWORD}`);
