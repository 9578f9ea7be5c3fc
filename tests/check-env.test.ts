// The configuration check of `next build` (next.config.mjs → scripts/check-env.ts): the server's schema,
// applied at build time, naming a bad setting but never its value.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { VALID_ENV } from "./support/valid-env";

const good = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NEXT_TELEMETRY_DISABLED: "1",
  ...VALID_ENV,
};

function run(args: string[], env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, args, { env: env as NodeJS.ProcessEnv, encoding: "utf8", timeout: 90_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("configuration check at build", () => {
  it("passes a complete configuration", () => {
    const { code, output } = run(["--import", "tsx", "scripts/check-env.ts"], good);
    expect(output).toContain("Configuration: ok.");
    expect(code).toBe(0);
  });

  it("fails with the setting's name, not its value", () => {
    const { code, output } = run(["--import", "tsx", "scripts/check-env.ts"], {
      ...good,
      DATABASE_URL_UNPOOLED: "mysql://direct-secret-host/portal",
      DATABASE_POOL_MAX: "lots",
    });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL_UNPOOLED must be a postgresql:// URL");
    expect(output).toContain("DATABASE_POOL_MAX must be a whole number");
    expect(output).not.toContain("direct-secret-host");
  });

  it("stops `next build` before building", () => {
    const { code, output } = run([join("node_modules", "next", "dist", "bin", "next"), "build"], {
      ...good,
      APP_URL: "http://portal-secret.example.com",
      EASYFREELANCE_TOKEN: undefined,
    });
    expect(code).toBe(1);
    expect(output).toContain("EASYFREELANCE_TOKEN is required");
    expect(output).toContain("next build stopped: fix the configuration above");
    expect(output).not.toContain("portal-secret");
    expect(output).not.toContain("Creating an optimized production build");
  }, 90_000);

  it("leaves `next dev` and `next start` to the server's own check", async () => {
    const file = pathToFileURL(join(process.cwd(), "next.config.mjs")).href;
    const { default: config } = (await import(file)) as { default: (phase: string) => { poweredByHeader: boolean } };
    for (const phase of ["phase-development-server", "phase-production-server"]) expect(config(phase).poweredByHeader).toBe(false);
  });
});
