import { z } from "zod";
import ipaddr from "ipaddr.js";

// The portal's settings and their validation, without reading process.env: lib/env.ts applies it to the
// server's environment, scripts/check-env.ts to the build's (so `next build` fails on a bad setting), and
// scripts/migrate.ts applies the database part to the migrator's. No `server-only` here for that reason.

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

// Host names that can never be a public site: loopback, and the ".test" names RFC 6761 reserves for testing.
function isLocalHost(hostname: string) {
  return loopbackHosts.has(hostname) || hostname.endsWith(".localhost") || hostname.endsWith(".test");
}

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

// Where the client's address comes from when not on Vercel: the number of proxies in front of the portal
// that append to X-Forwarded-For ("1" for one nginx), or the address ranges of those proxies
// ("10.0.0.0/8, 2001:db8::/32"). See lib/security/client-address.ts.
export type TrustedProxies = { hops: number } | { ranges: string[] };
const trustedProxies = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .optional()
    .transform((value, ctx): TrustedProxies | undefined => {
      if (value === undefined) return undefined;
      const text = value.trim();
      if (/^\d{1,2}$/.test(text) && Number(text) >= 1) return { hops: Number(text) };
      const ranges = text.split(",").map((part) => part.trim());
      // Written out in full (ipaddr.js would also take legacy forms such as "0" or "10.1").
      const plainAddress = (text: string) => ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
      const valid = ranges.every((range) => {
        const [address, bits, ...rest] = range.split("/");
        return rest.length === 0 && plainAddress(address) && (bits === undefined || ipaddr.isValidCIDR(range));
      });
      if (ranges.length === 0 || !valid) {
        ctx.addIssue({ code: "custom", message: 'must be a number of proxy hops (e.g. "1") or a list of proxy addresses/CIDRs (e.g. "10.0.0.0/8")' });
        return z.NEVER;
      }
      return { ranges };
    }),
);

const postgresUrl = (required: string) => z.string({ error: required }).regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL");
const optionalPostgresUrl = z.preprocess((value) => (value === "" ? undefined : value), postgresUrl("must be a postgresql:// URL").optional());
const milliseconds = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a number of milliseconds (${min}–${max})` })
    .int()
    .min(min)
    .max(max)
    .default(fallback);

// PEM text of the CA that signed the database server's certificate. Environment editors often turn the
// newlines into "\n": both forms are accepted.
const caCertificate = z.preprocess(
  (value) => (value === "" ? undefined : typeof value === "string" ? value.replace(/\\n/g, "\n").trim() : value),
  z
    .string()
    .regex(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----$/,
      "must be PEM text (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)",
    )
    .optional(),
);

// ---- Single sign-on (lib/auth/sso.ts). Unset or empty: off. ----
const optionalText = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().optional());
const STAFF_ROLE_NAMES = ["admin", "hr", "viewer"] as const;
const domainName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

// "example.com, example.no": the email domains whose unknown staff are created (as viewer) at their first SSO sign-in.
const allowedDomains = optionalText.transform((value, ctx) => {
  const domains = (value ?? "")
    .split(",")
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  if (domains.some((domain) => !domainName.test(domain))) {
    ctx.addIssue({ code: "custom", message: 'must be email domains separated by commas, e.g. "example.com,example.no"' });
    return z.NEVER;
  }
  return domains;
});

// "<group id>=<role>,…": a staff member's role is the highest role among their mapped groups (see README).
const groupRoles = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const mapping: Record<string, (typeof STAFF_ROLE_NAMES)[number]> = {};
  for (const pair of value.split(",").filter((part) => part.trim())) {
    const at = pair.lastIndexOf("=");
    const group = pair.slice(0, Math.max(at, 0)).trim();
    const role = pair.slice(at + 1).trim() as (typeof STAFF_ROLE_NAMES)[number];
    if (at < 1 || !group || !STAFF_ROLE_NAMES.includes(role) || group in mapping) {
      ctx.addIssue({ code: "custom", message: 'must look like "<group id>=admin,<group id>=hr" (roles: admin, hr, viewer; each group once)' });
      return z.NEVER;
    }
    mapping[group] = role;
  }
  return Object.keys(mapping).length ? mapping : undefined;
});

const ssoSettings = {
  // A generic OpenID Connect provider (Keycloak, Okta, Google Workspace, Authentik, …).
  SSO_OIDC_ISSUER: z.preprocess((value) => (value === "" ? undefined : value), z.url({ error: "must be the provider's issuer URL" }).optional()),
  SSO_OIDC_CLIENT_ID: optionalText,
  SSO_OIDC_CLIENT_SECRET: optionalText,
  SSO_OIDC_NAME: optionalText.pipe(z.string().max(40, "must be at most 40 characters").optional()),
  // Microsoft Entra ID, single tenant.
  SSO_ENTRA_TENANT_ID: optionalText,
  SSO_ENTRA_CLIENT_ID: optionalText,
  SSO_ENTRA_CLIENT_SECRET: optionalText,
  SSO_ALLOWED_DOMAINS: allowedDomains,
  SSO_GROUP_ROLES: groupRoles,
  PASSWORD_SIGN_IN: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
};

type SsoSettings = z.infer<z.ZodObject<typeof ssoSettings>>;

// Each provider is all or nothing; "off" needs a provider; the tenant must be one tenant (see README, "Single sign-on").
function checkSso(env: SsoSettings, ctx: z.RefinementCtx) {
  const oidc = [env.SSO_OIDC_ISSUER, env.SSO_OIDC_CLIENT_ID, env.SSO_OIDC_CLIENT_SECRET];
  const entra = [env.SSO_ENTRA_TENANT_ID, env.SSO_ENTRA_CLIENT_ID, env.SSO_ENTRA_CLIENT_SECRET];
  const partly = (values: unknown[]) => values.some((value) => value !== undefined) && values.some((value) => value === undefined);
  if (partly(oidc)) {
    ctx.addIssue({
      code: "custom",
      path: ["SSO_OIDC_ISSUER"],
      message: "needs SSO_OIDC_CLIENT_ID and SSO_OIDC_CLIENT_SECRET too (all three or none)",
    });
  }
  if (partly(entra)) {
    ctx.addIssue({
      code: "custom",
      path: ["SSO_ENTRA_TENANT_ID"],
      message: "needs SSO_ENTRA_CLIENT_ID and SSO_ENTRA_CLIENT_SECRET too (all three or none)",
    });
  }
  if (env.SSO_OIDC_ISSUER) {
    const issuer = new URL(env.SSO_OIDC_ISSUER);
    if (issuer.protocol !== "https:" && !isLocalHost(issuer.hostname)) {
      ctx.addIssue({ code: "custom", path: ["SSO_OIDC_ISSUER"], message: "must use https (plain http only for a local test provider)" });
    }
  }
  // "common", "organizations" and "consumers" accept accounts of any tenant, whose email claims anyone can set.
  if (
    env.SSO_ENTRA_TENANT_ID &&
    !/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i.test(env.SSO_ENTRA_TENANT_ID)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["SSO_ENTRA_TENANT_ID"],
      message: "must be your tenant's id (a GUID) or primary domain, not common/organizations/consumers",
    });
  }
  const anyProvider = oidc.every((value) => value !== undefined) || entra.every((value) => value !== undefined);
  if (!anyProvider) {
    if (env.PASSWORD_SIGN_IN === "off")
      ctx.addIssue({ code: "custom", path: ["PASSWORD_SIGN_IN"], message: "can only be off when a single sign-on provider is configured" });
    if (env.SSO_ALLOWED_DOMAINS.length)
      ctx.addIssue({ code: "custom", path: ["SSO_ALLOWED_DOMAINS"], message: "has no effect without a single sign-on provider" });
    if (env.SSO_GROUP_ROLES) ctx.addIssue({ code: "custom", path: ["SSO_GROUP_ROLES"], message: "has no effect without a single sign-on provider" });
  }
}

// Settings of the database connection, shared by the portal and `npm run db:migrate`.
const databaseSettings = {
  DATABASE_URL: postgresUrl("is required (a postgresql:// URL)"),
  // A direct (unpooled) URL for migrations. Vercel's Neon integration sets DATABASE_URL_UNPOOLED; Prisma's docs call it DIRECT_URL.
  DATABASE_URL_UNPOOLED: optionalPostgresUrl,
  DIRECT_URL: optionalPostgresUrl,
  DATABASE_CA_CERT: caCertificate,
  DATABASE_POOL_MAX: z.coerce.number({ error: "must be a whole number (1–100)" }).int().min(1).max(100).default(5),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(500, 120_000, 10_000),
  DATABASE_IDLE_TIMEOUT_MS: milliseconds(1_000, 600_000, 5_000),
  MIGRATE_LOCK_TIMEOUT_MS: milliseconds(100, 600_000, 10_000),
  MIGRATE_STATEMENT_TIMEOUT_MS: milliseconds(1_000, 3_600_000, 300_000),
};

// ---- Invitations and their delivery (lib/verification/invitations.ts, lib/mail). ----
const invitationSettings = {
  // Who asks the employee to verify, on the invitation page and in its email.
  PARTNER_NAME: optionalText.pipe(z.string().max(100, "must be at most 100 characters").optional()),
  INVITATION_DAYS: z.coerce.number({ error: "must be a whole number of days (1–90)" }).int().min(1).max(90).default(14),
  INVITATION_ATTEMPTS: z.coerce.number({ error: "must be a whole number (1–10)" }).int().min(1).max(10).default(3),
  INVITATION_REMINDERS: z.coerce.number({ error: "must be a whole number (0–10)" }).int().min(0).max(10).default(2),
  // "2,5": the first reminder 2 days after the invitation was sent, the second after 5.
  INVITATION_REMINDER_DAYS: z
    .string()
    .default("2,5")
    .transform((value, ctx) => {
      const days = value.split(",").map((part) => Number(part.trim()));
      if (
        days.length === 0 ||
        days.some((day) => !Number.isInteger(day) || day < 1 || day > 90) ||
        days.some((day, i) => i > 0 && day <= days[i - 1])
      ) {
        ctx.addIssue({ code: "custom", message: 'must be rising whole days, e.g. "2,5"' });
        return z.NEVER;
      }
      return days;
    }),
  // smtp://user:pass@host:587 or smtps://…:465 (nodemailer's URL form). Unset: the portal sends no mail (copy link and QR still work).
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: optionalText.pipe(z.string().max(200).optional()),
};

const envSchema = z
  .object({
    ...databaseSettings,
    AUTH_SECRET: z.string({ error: "is required (32+ random characters)" }).min(32, "must be at least 32 characters"),
    APP_URL: z.url({ error: "must be the portal's public URL, e.g. https://portal.example.com" }),
    EASYFREELANCE_BASE_URL: z.url({ error: "must be the EasyFreelance API base URL, e.g. https://app.easyfreelance.no/api/v1" }),
    EASYFREELANCE_TOKEN: z.string({ error: "is required (the partner's Sanctum token)" }).min(8, "is too short to be a Sanctum token"),
    EASYFREELANCE_API_KEY: z.uuid({ error: "must be the partner's API key (a UUID)" }),
    // Where employees finish onboarding; by default the API base without its /api/… path.
    EASYFREELANCE_APP_URL: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.url({ error: "must be EasyFreelance's app URL, e.g. https://app.easyfreelance.no" }).optional(),
    ),
    EASYFREELANCE_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
    // EasyFreelance's rate limit for the partner's token (calls/seconds), shared by every instance (Laravel's default 60/60).
    EASYFREELANCE_RATE_LIMIT: rateLimit("60/60"),
    // After an employee's return: the first status check this many seconds later, then twice the gap each time,
    // up to STATUS_REFRESH_MAX_SECONDS. A session without a return is left to the sweep.
    STATUS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(300).default(2),
    STATUS_REFRESH_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RATE_LIMIT_SIGN_IN_ACCOUNT: rateLimit("10/900"),
    RATE_LIMIT_SIGN_IN_ACCOUNT_ADDRESS: rateLimit("10/900"),
    RATE_LIMIT_SIGN_IN_ADDRESS: rateLimit("100/900"),
    RATE_LIMIT_STATUS_ADDRESS: rateLimit("600/60"),
    RATE_LIMIT_RETURN_ADDRESS: rateLimit("60/60"),
    // The HR list's live statuses, per signed-in staff user (the list polls every few seconds at most).
    RATE_LIMIT_STATUSES_STAFF: rateLimit("120/60"),
    RATE_LIMIT_INVITATION_ADDRESS: rateLimit("60/60"),
    ...invitationSettings,
    VERCEL: z.string().optional(),
    NODE_ENV: z.string().optional(),
    TRUSTED_PROXIES: trustedProxies,
    // The language of a page when neither a choice (cookie), EasyFreelance's `lang` nor the browser names one.
    DEFAULT_LOCALE: z.enum(["nb", "en"], { error: 'must be "nb" or "en"' }).default("nb"),
    // "1": admins must enrol a second factor (TOTP) before they can use the portal (lib/auth/session.ts).
    REQUIRE_ADMIN_2FA: z
      .enum(["0", "1"], { error: 'must be "1" or "0"' })
      .default("0")
      .transform((value) => value === "1"),
    // The scheduled sweep (lib/verification/sweep.ts) and data retention.
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    SWEEP_REFRESH_LIMIT: z.coerce.number().int().min(0).max(1000).default(50),
    RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
    // CSV import (lib/employees/import.ts): EasyFreelance calls a minute for all imports together, below the
    // partner's limit so HR's and employees' own clicks still get through.
    IMPORT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    // The deployed commit, shown by /api/health (Vercel sets the first; set GIT_COMMIT elsewhere).
    VERCEL_GIT_COMMIT_SHA: z.string().optional(),
    GIT_COMMIT: z.string().optional(),
    ...ssoSettings,
  })
  .superRefine((env, ctx) => {
    checkSso(env, ctx);
    if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required when SMTP_URL is set" });
    const base = new URL(env.EASYFREELANCE_BASE_URL);
    const loopback = loopbackHosts.has(base.hostname);
    // Only a local sandbox may be plain http; on Vercel a loopback URL can only be a mistake.
    if (base.protocol !== "https:" && !loopback) {
      ctx.addIssue({ code: "custom", path: ["EASYFREELANCE_BASE_URL"], message: "must use https" });
    }
    if (env.VERCEL && loopback) {
      ctx.addIssue({ code: "custom", path: ["EASYFREELANCE_BASE_URL"], message: "points at a local sandbox, which never runs on Vercel" });
    }
    // (Refinements run even when a field failed its own check: only a URL can be looked at here.)
    if (env.EASYFREELANCE_APP_URL && URL.canParse(env.EASYFREELANCE_APP_URL)) {
      const app = new URL(env.EASYFREELANCE_APP_URL);
      if (app.protocol !== "https:" && !loopbackHosts.has(app.hostname)) {
        ctx.addIssue({ code: "custom", path: ["EASYFREELANCE_APP_URL"], message: "must use https" });
      }
    }
    // Outside Vercel, X-Forwarded-For is whatever the caller (or Next.js, only when there is none) wrote: a
    // production server that has not said which entries its own proxies add would key every limit on text
    // an attacker chooses.
    if (env.NODE_ENV === "production" && !env.VERCEL && !env.TRUSTED_PROXIES) {
      ctx.addIssue({
        code: "custom",
        path: ["TRUSTED_PROXIES"],
        message: 'must say how to find the client address on a self-hosted production server: the number of proxies in front ("1") or their CIDRs',
      });
    }
    // Session cookies are Secure only on https, and EasyFreelance sends employees back to APP_URL: http only
    // for a local portal. A production server may use http only on a loopback address (the e2e stack and the
    // rehearsal, where nothing crosses a network); a ".test" or ".localhost" name is a development convenience.
    const appHost = new URL(env.APP_URL).hostname;
    if (new URL(env.APP_URL).protocol !== "https:") {
      if (!isLocalHost(appHost)) {
        ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must use https (plain http only for localhost/127.0.0.1)" });
      } else if (env.NODE_ENV === "production" && !loopbackHosts.has(appHost)) {
        ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "must use https in production (cookies lose Secure on http)" });
      }
    }
  });

const migrateSchema = z.object(databaseSettings);

export type Env = z.infer<typeof envSchema>;
export type MigrateEnv = z.infer<typeof migrateSchema>;

export class ConfigurationError extends Error {}

function parseWith<T>(schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"} ${issue.message}`);
    // Names the setting, never its value: values may be secrets.
    throw new ConfigurationError(`Invalid portal configuration:\n${lines.join("\n")}\nSee README.md, "Configuration".`);
  }
  return result.data;
}

/**
 * EasyFreelance's app for employees: EASYFREELANCE_APP_URL, else the API base without its /api/… path
 * (https://app.easyfreelance.no/api/v1 gives https://app.easyfreelance.no/).
 */
export function appUrlOf(env: Pick<Env, "EASYFREELANCE_APP_URL" | "EASYFREELANCE_BASE_URL">): string {
  if (env.EASYFREELANCE_APP_URL) return env.EASYFREELANCE_APP_URL;
  const base = new URL(env.EASYFREELANCE_BASE_URL);
  base.pathname = base.pathname.replace(/\/api(\/.*)?$/, "") || "/";
  base.search = "";
  base.hash = "";
  return base.toString();
}

/** The portal's whole configuration (server start-up and `next build`). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source);
}

/** Only the database settings: what `npm run db:migrate` needs. */
export function parseMigrateEnv(source: Record<string, string | undefined>): MigrateEnv {
  return parseWith(migrateSchema, source);
}
