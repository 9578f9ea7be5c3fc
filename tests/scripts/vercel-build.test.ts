// Previews migrate only when asked to: the decision of scripts/vercel-build.ts.
import { describe, expect, it } from "vitest";
import { vercelBuildPlan } from "../../scripts/lib/vercel-build";

describe("vercel-build", () => {
  it("migrates production builds", () => {
    expect(vercelBuildPlan({ VERCEL: "1", VERCEL_ENV: "production" }).migrate).toBe(true);
  });
  it("does not migrate previews or development builds unless MIGRATE_ON_PREVIEW=1", () => {
    expect(vercelBuildPlan({ VERCEL: "1", VERCEL_ENV: "preview" })).toMatchObject({
      migrate: false,
      reason: expect.stringContaining("MIGRATE_ON_PREVIEW=1"),
    });
    expect(vercelBuildPlan({ VERCEL: "1", VERCEL_ENV: "development" }).migrate).toBe(false);
    expect(vercelBuildPlan({}).migrate).toBe(false);
    expect(vercelBuildPlan({ VERCEL_ENV: "preview", MIGRATE_ON_PREVIEW: "true" }).migrate).toBe(false);
    expect(vercelBuildPlan({ VERCEL_ENV: "preview", MIGRATE_ON_PREVIEW: "1" }).migrate).toBe(true);
  });
});
