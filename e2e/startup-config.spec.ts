import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

// Uses the production build the suite already made: a misconfigured portal must refuse to start.
test("a bad or missing setting stops start-up with a message naming it, not its value", async () => {
  const child = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "start", "-p", "3398"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production" as const,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/none",
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "http://127.0.0.1:3398",
      EASYFREELANCE_BASE_URL: "http://app.easyfreelance.example/api/v1",
      EASYFREELANCE_TOKEN: "secret-token-value-123",
      EASYFREELANCE_API_KEY: "not-a-uuid-value",
    },
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("EASYFREELANCE_API_KEY must be the partner's API key");
  expect(output).toContain("EASYFREELANCE_BASE_URL must use https");
  // Self-hosted (no VERCEL) and no TRUSTED_PROXIES: the per-address limits would key on the caller's own header.
  expect(output).toContain("TRUSTED_PROXIES must say how to find the client address");
  expect(output).not.toContain("not-a-uuid-value");
  expect(output).not.toContain("secret-token-value-123");
});
