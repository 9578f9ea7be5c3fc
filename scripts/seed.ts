// `npm run db:seed`: demo staff and employees into DATABASE_URL (idempotent).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "../lib/db/seed";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: name the PostgreSQL database to seed.");
  process.exit(1);
}
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
await seedDemoData(db);
await db.$disconnect();
console.log(`Seeded demo data. Sign in as ${DEMO_STAFF[0].email} / ${DEMO_PASSWORD}`);
