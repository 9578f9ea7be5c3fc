// Demo data stays out of deployments: scripts/seed.ts refuses them unless --force.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { seedRefusal } from "../../scripts/lib/seed-guard";

describe("db:seed", () => {
  it.each([
    [{ VERCEL: "1" }, "VERCEL is set"],
    [{ VERCEL_ENV: "production" }, "VERCEL_ENV is production"],
    [{ NODE_ENV: "production" }, "NODE_ENV is production"],
  ])("refuses under %o without --force", (env, reason) => {
    expect(seedRefusal(env, [])).toContain(`Refusing to seed demo data: ${reason}`);
    expect(seedRefusal(env, [])).toContain("npm run admin:create");
    expect(seedRefusal(env, ["--force"])).toBeNull();
  });

  it("seeds locally", () => {
    expect(seedRefusal({ NODE_ENV: "development" }, [])).toBeNull();
    expect(seedRefusal({}, [])).toBeNull();
  });

  it("exits 1 under VERCEL=1 before touching the database", () => {
    // An unreachable database: had the script gone on, it would fail connecting, not refuse.
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], {
      env: { ...process.env, VERCEL: "1", DATABASE_URL: "postgresql://nobody@127.0.0.1:9/nothing" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Refusing to seed demo data: VERCEL is set");
  }, 30_000);
});
