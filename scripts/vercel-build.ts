// `npm run vercel-build` (what Vercel runs): `npm run db:migrate` when scripts/lib/vercel-build.ts says so
// (production builds, or MIGRATE_ON_PREVIEW=1), then `next build`. Stops at the first failure.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { vercelBuildPlan } from "./lib/vercel-build";

const plan = vercelBuildPlan(process.env);
console.log(`[vercel-build] ${plan.migrate ? "migrating" : "not migrating"}: ${plan.reason}`);

const nextBuild = [process.execPath, join("node_modules", "next", "dist", "bin", "next"), "build"];
const steps: string[][] = plan.migrate ? [["npm", "run", "db:migrate"], nextBuild] : [nextBuild];
for (const [command, ...args] of steps) {
  const run = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (run.status !== 0) {
    console.error(
      `[vercel-build] ${args.includes("build") ? "next build" : "npm run db:migrate"} failed${run.status === null ? ` (${run.signal ?? run.error?.message})` : ` with exit code ${run.status}`}.`,
    );
    process.exit(run.status ?? 1);
  }
}
