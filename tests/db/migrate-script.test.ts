// `npm run db:migrate` (scripts/migrate.ts): which URL it uses, and its configuration errors.
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { pgConnectionConfig } from "@/lib/db/pg-config";

function migrate(settings: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...settings };
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const unreachable = "postgresql://nobody:pooled-secret@127.0.0.1:1/none";

describe("db:migrate", () => {
  it("uses DATABASE_URL_UNPOOLED, then DIRECT_URL, before DATABASE_URL", () => {
    const url = inject("databaseUrl");
    const unpooled = migrate({ DATABASE_URL: unreachable, DATABASE_URL_UNPOOLED: url, DIRECT_URL: unreachable });
    expect(unpooled.output).toMatch(/^Migrations \(DATABASE_URL_UNPOOLED\): 0 applied, \d+ already applied\.$/m);
    expect(unpooled.code).toBe(0);
    const direct = migrate({ DATABASE_URL: unreachable, DIRECT_URL: url });
    expect(direct.output).toMatch(/^Migrations \(DIRECT_URL\): 0 applied/m);
    expect(direct.code).toBe(0);
  });

  it("names a missing or bad setting, never its value", () => {
    const missing = migrate({});
    expect(missing.code).toBe(1);
    expect(missing.output).toContain("DATABASE_URL is required");
    const bad = migrate({ DATABASE_URL: inject("databaseUrl"), MIGRATE_LOCK_TIMEOUT_MS: "soon", DIRECT_URL: "mysql://direct-secret/x" });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("MIGRATE_LOCK_TIMEOUT_MS");
    expect(bad.output).toContain("DIRECT_URL must be a postgresql:// URL");
    expect(bad.output).not.toContain("direct-secret");
  });
});

describe("node-postgres connection options", () => {
  it("verifies TLS against DATABASE_CA_CERT, whatever sslmode the URL names", () => {
    const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    const config = pgConnectionConfig("postgresql://u:p@db.example.com:5432/portal?sslmode=require&sslrootcert=/x.pem&application_name=portal", {
      caCert: ca,
      connectTimeoutMs: 4000,
    });
    expect(config.ssl).toEqual({ ca, rejectUnauthorized: true });
    expect(config.connectionString).toBe("postgresql://u:p@db.example.com:5432/portal?application_name=portal");
    expect(config.connectionTimeoutMillis).toBe(4000);
  });

  it("leaves the URL alone without a CA", () => {
    const url = "postgresql://u:p@db.example.com/portal?sslmode=require";
    expect(pgConnectionConfig(url)).toEqual({ connectionString: url });
  });
});
