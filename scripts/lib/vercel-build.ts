// What `npm run vercel-build` does before `next build`: migrate the database only for a production build.
// A preview build uses the Preview environment's DATABASE_URL; migrating it on every preview would apply a
// branch's migrations to whatever database Previews share (often a copy of production, or production itself).
// MIGRATE_ON_PREVIEW=1 opts in when each preview has its own database (e.g. a Neon branch per preview).

export type BuildPlan = { migrate: boolean; reason: string };

export function vercelBuildPlan(env: Record<string, string | undefined>): BuildPlan {
  const target = env.VERCEL_ENV;
  if (target === "production") return { migrate: true, reason: "production build (VERCEL_ENV=production)" };
  if (env.MIGRATE_ON_PREVIEW === "1") return { migrate: true, reason: `VERCEL_ENV=${target ?? "(unset)"} with MIGRATE_ON_PREVIEW=1` };
  return {
    migrate: false,
    reason: `VERCEL_ENV=${target ?? "(unset)"}: migrations run only for production builds; set MIGRATE_ON_PREVIEW=1 when this environment has its own database`,
  };
}
