import "server-only";
import { z } from "zod";

// The one place that reads process.env. Parsed once, on first use and at server start-up
// (instrumentation.ts), so a bad or missing setting stops the server with a message naming it.

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

// "<attempts>/<seconds>": at most that many attempts per key in each window of that many seconds.
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^(\d{1,7})\/(\d{1,6})$/.exec(value.trim());
      if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
        ctx.addIssue({ code: "custom", message: 'must look like "10/900" (attempts per seconds)' });
        return z.NEVER;
      }
      return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
    });

const envSchema = z
  .object({
    DATABASE_URL: z.string({ error: "is required (a postgresql:// URL)" }).regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    AUTH_SECRET: z.string({ error: "is required (32+ random characters)" }).min(32, "must be at least 32 characters"),
    APP_URL: z.url({ error: "must be the portal's public URL, e.g. https://portal.example.com" }),
    EASYFREELANCE_BASE_URL: z.url({ error: "must be the EasyFreelance API base URL, e.g. https://app.easyfreelance.no/api/v1" }),
    EASYFREELANCE_TOKEN: z.string({ error: "is required (the partner's Sanctum token)" }).min(8, "is too short to be a Sanctum token"),
    EASYFREELANCE_API_KEY: z.uuid({ error: "must be the partner's API key (a UUID)" }),
    EASYFREELANCE_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
    STATUS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(300).default(3),
    RATE_LIMIT_SIGN_IN_ACCOUNT: rateLimit("10/900"),
    RATE_LIMIT_SIGN_IN_ADDRESS: rateLimit("100/900"),
    RATE_LIMIT_STATUS_ADDRESS: rateLimit("600/60"),
    RATE_LIMIT_RETURN_ADDRESS: rateLimit("60/60"),
    VERCEL: z.string().optional(),
    // The scheduled sweep (lib/verification/sweep.ts) and data retention.
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    SWEEP_REFRESH_LIMIT: z.coerce.number().int().min(0).max(1000).default(50),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
    // The deployed commit, shown by /api/health (Vercel sets the first; set GIT_COMMIT elsewhere).
    VERCEL_GIT_COMMIT_SHA: z.string().optional(),
    GIT_COMMIT: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const base = new URL(env.EASYFREELANCE_BASE_URL);
    const loopback = loopbackHosts.has(base.hostname);
    // Only a local sandbox may be plain http; on Vercel a loopback URL can only be a mistake.
    if (base.protocol !== "https:" && !loopback) {
      ctx.addIssue({ code: "custom", path: ["EASYFREELANCE_BASE_URL"], message: "must use https" });
    }
    if (env.VERCEL && loopback) {
      ctx.addIssue({ code: "custom", path: ["EASYFREELANCE_BASE_URL"], message: "points at a local sandbox, which never runs on Vercel" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"} ${issue.message}`);
    // Names the setting, never its value: values may be secrets.
    throw new ConfigurationError(`Invalid portal configuration:\n${lines.join("\n")}\nSee README.md, "Configuration".`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
