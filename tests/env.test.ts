import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://u:p@db.example.com:5432/portal",
  AUTH_SECRET: "a".repeat(40),
  APP_URL: "https://portal.example.com",
  EASYFREELANCE_BASE_URL: "https://app.easyfreelance.no/api/v1",
  EASYFREELANCE_TOKEN: "42|super-secret-token-value",
  EASYFREELANCE_API_KEY: "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
};

describe("env", () => {
  it("accepts a complete production configuration with defaults filled in", () => {
    const env = parseEnv(valid);
    expect(env.EASYFREELANCE_TIMEOUT_MS).toBe(10_000);
    expect(env.STATUS_REFRESH_SECONDS).toBe(3);
  });

  it("names every missing setting", () => {
    expect(() => parseEnv({})).toThrow(
      /DATABASE_URL[\s\S]*AUTH_SECRET[\s\S]*APP_URL[\s\S]*EASYFREELANCE_BASE_URL[\s\S]*EASYFREELANCE_TOKEN[\s\S]*EASYFREELANCE_API_KEY/,
    );
  });

  it("names a bad setting without echoing its value", () => {
    let message = "";
    try {
      parseEnv({ ...valid, EASYFREELANCE_API_KEY: "not-a-uuid-secret-value" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/EASYFREELANCE_API_KEY must be the partner's API key/);
    expect(message).not.toContain("not-a-uuid-secret-value");
  });

  it("refuses plain http for a remote EasyFreelance, and any local sandbox on Vercel", () => {
    expect(() => parseEnv({ ...valid, EASYFREELANCE_BASE_URL: "http://app.easyfreelance.no/api/v1" })).toThrow(/must use https/);
    expect(() => parseEnv({ ...valid, EASYFREELANCE_BASE_URL: "http://127.0.0.1:4010/api/v1" })).not.toThrow();
    expect(() => parseEnv({ ...valid, VERCEL: "1", EASYFREELANCE_BASE_URL: "http://127.0.0.1:4010/api/v1" })).toThrow(/never runs on Vercel/);
  });

  it("reads the sweep's settings: CRON_SECRET of 16+ characters, a refresh cap, optional retention", () => {
    const defaults = parseEnv(valid);
    expect(defaults.CRON_SECRET).toBeUndefined();
    expect(defaults.SWEEP_REFRESH_LIMIT).toBe(50);
    expect(defaults.RETENTION_DAYS).toBeUndefined();
    const set = parseEnv({ ...valid, CRON_SECRET: "c".repeat(32), SWEEP_REFRESH_LIMIT: "10", RETENTION_DAYS: "365" });
    expect([set.CRON_SECRET, set.SWEEP_REFRESH_LIMIT, set.RETENTION_DAYS]).toEqual(["c".repeat(32), 10, 365]);
    expect(() => parseEnv({ ...valid, CRON_SECRET: "short" })).toThrow(/CRON_SECRET must be at least 16 characters/);
    expect(() => parseEnv({ ...valid, RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS/);
  });
});
