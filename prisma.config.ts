import { defineConfig } from "prisma/config";

// Used by the ordinary Prisma CLI (migrate, studio, generate) on machines with internet.
// The portal itself applies migrations with `npm run db:migrate` (scripts/migrate.ts), which needs no native engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
