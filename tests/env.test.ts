import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { appUrlOf } from "@/lib/env-schema";
import { VALID_ENV } from "./support/valid-env";

const valid = VALID_ENV;

describe("env", () => {
  it("accepts a complete production configuration with defaults filled in", () => {
    const env = parseEnv(valid);
    expect(env.EASYFREELANCE_TIMEOUT_MS).toBe(10_000);
    expect(env.STATUS_REFRESH_SECONDS).toBe(2);
    expect(env.STATUS_REFRESH_MAX_SECONDS).toBe(60);
    expect(env.EASYFREELANCE_RATE_LIMIT).toEqual({ limit: 60, windowSeconds: 60 });
  });

  it("refuses a rate limit that is not calls/seconds", () => {
    expect(() => parseEnv({ ...valid, EASYFREELANCE_RATE_LIMIT: "60 per minute" })).toThrow(/EASYFREELANCE_RATE_LIMIT/);
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

  it("links employees to EasyFreelance's app: EASYFREELANCE_APP_URL, else the API base without /api/…", () => {
    expect(appUrlOf(parseEnv({ ...valid, EASYFREELANCE_BASE_URL: "https://app.easyfreelance.no/api/v1" }))).toBe("https://app.easyfreelance.no/");
    expect(appUrlOf(parseEnv({ ...valid, EASYFREELANCE_BASE_URL: "http://127.0.0.1:4010/api/v1?x=1" }))).toBe("http://127.0.0.1:4010/");
    expect(appUrlOf(parseEnv({ ...valid, EASYFREELANCE_BASE_URL: "https://ef.example/partner/api/v2/" }))).toBe("https://ef.example/partner");
    expect(appUrlOf(parseEnv({ ...valid, EASYFREELANCE_APP_URL: "https://min.easyfreelance.no/start" }))).toBe("https://min.easyfreelance.no/start");
    expect(parseEnv({ ...valid, EASYFREELANCE_APP_URL: "" }).EASYFREELANCE_APP_URL).toBeUndefined();
    expect(() => parseEnv({ ...valid, EASYFREELANCE_APP_URL: "http://app.easyfreelance.no" })).toThrow(/EASYFREELANCE_APP_URL must use https/);
    expect(() => parseEnv({ ...valid, EASYFREELANCE_APP_URL: "not a url" })).toThrow(/EASYFREELANCE_APP_URL must be EasyFreelance's app URL/);
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

  it("fills serverless-sized database defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_POOL_MAX).toBe(5);
    expect(env.DATABASE_CONNECT_TIMEOUT_MS).toBe(10_000);
    expect(env.DATABASE_IDLE_TIMEOUT_MS).toBe(5_000);
    expect(env.MIGRATE_LOCK_TIMEOUT_MS).toBe(10_000);
    expect(env.MIGRATE_STATEMENT_TIMEOUT_MS).toBe(300_000);
    expect(env.DATABASE_URL_UNPOOLED).toBeUndefined();
    expect(env.DIRECT_URL).toBeUndefined();
    expect(env.DATABASE_CA_CERT).toBeUndefined();
  });

  it("checks the database settings, naming each without its value", () => {
    const bad = {
      ...valid,
      DATABASE_URL_UNPOOLED: "mysql://secret-direct-host/db",
      DIRECT_URL: "nonsense-direct-url",
      DATABASE_CA_CERT: "not-a-certificate-secret",
      DATABASE_POOL_MAX: "0",
      DATABASE_CONNECT_TIMEOUT_MS: "ten",
      DATABASE_IDLE_TIMEOUT_MS: "999999999",
      MIGRATE_LOCK_TIMEOUT_MS: "-1",
      MIGRATE_STATEMENT_TIMEOUT_MS: "1.5",
    };
    let message = "";
    try {
      parseEnv(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      "DATABASE_URL_UNPOOLED must be a postgresql:// URL",
      "DIRECT_URL must be a postgresql:// URL",
      "DATABASE_CA_CERT must be PEM text",
      "DATABASE_POOL_MAX",
      "DATABASE_CONNECT_TIMEOUT_MS",
      "DATABASE_IDLE_TIMEOUT_MS",
      "MIGRATE_LOCK_TIMEOUT_MS",
      "MIGRATE_STATEMENT_TIMEOUT_MS",
    ]) {
      expect(message).toContain(name);
    }
    for (const value of ["secret-direct-host", "nonsense-direct-url", "not-a-certificate-secret"]) expect(message).not.toContain(value);
  });

  it("accepts a direct URL, pool numbers and a PEM CA (also with escaped newlines)", () => {
    const pem = "-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIUFAKE\\n-----END CERTIFICATE-----"; // as an env editor stores it
    const env = parseEnv({
      ...valid,
      DATABASE_URL_UNPOOLED: "postgresql://u:p@direct.example.com/portal",
      DIRECT_URL: "",
      DATABASE_CA_CERT: pem,
      DATABASE_POOL_MAX: "12",
      DATABASE_CONNECT_TIMEOUT_MS: "5000",
    });
    expect(env.DATABASE_URL_UNPOOLED).toBe("postgresql://u:p@direct.example.com/portal");
    expect(env.DIRECT_URL).toBeUndefined();
    expect(env.DATABASE_CA_CERT).toBe("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUFAKE\n-----END CERTIFICATE-----");
    expect(env.DATABASE_POOL_MAX).toBe(12);
    expect(env.DATABASE_CONNECT_TIMEOUT_MS).toBe(5000);
  });

  it("requires https for APP_URL except on a local host", () => {
    expect(() => parseEnv({ ...valid, APP_URL: "http://portal.example.com" })).toThrow(/APP_URL must use https/);
    for (const local of ["http://localhost:3000", "http://127.0.0.1:3390", "http://[::1]:3000", "http://portal.test"]) {
      expect(() => parseEnv({ ...valid, APP_URL: local })).not.toThrow();
    }
  });

  it("requires https for APP_URL in production, except on a loopback address (cookies lose Secure on http)", () => {
    const production = { ...valid, NODE_ENV: "production", TRUSTED_PROXIES: "1" };
    for (const named of ["http://portal.test", "http://portal.localhost:3000"]) {
      expect(() => parseEnv({ ...production, APP_URL: named })).toThrow(/APP_URL must use https in production/);
    }
    for (const loopback of ["http://localhost:3000", "http://127.0.0.1:3390", "http://[::1]:3000", "https://portal.example.com"]) {
      expect(() => parseEnv({ ...production, APP_URL: loopback })).not.toThrow();
    }
  });

  it("gives Auth.js its URL from APP_URL, never from a request's Host or X-Forwarded-Host", async () => {
    delete process.env.AUTH_URL;
    const { env } = await import("@/lib/env");
    env();
    expect(process.env.AUTH_URL).toBe(`${new URL(process.env.APP_URL!).origin}/api/auth`);
  });
});
