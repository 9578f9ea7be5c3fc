// An SSO sign-in against real PostgreSQL: the staff row it finds, creates or updates, and the audit trail.
// (The browser flow through a real OpenID provider is e2e/sso.spec.ts.)
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { ssoSignIn, ssoSignInCallback } from "@/lib/auth/sso";
import { VALID_ENV } from "../support/valid-env";

const redirected = vi.hoisted(() => ({ to: null as string | null, signIn: [] as unknown[] }));
vi.mock("@/lib/auth", () => ({ signIn: async (...args: unknown[]) => void redirected.signIn.push(args) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    redirected.to = to;
    throw new Error("NEXT_REDIRECT");
  },
}));

// Each test its own domain: test files share one database.
const domain = () => `sso-${randomBytes(4).toString("hex")}.test`;
const OIDC = { SSO_OIDC_ISSUER: "https://idp.example.com", SSO_OIDC_CLIENT_ID: "portal", SSO_OIDC_CLIENT_SECRET: "client-secret-value" };
// The portal's own configuration (env(), read on first use) has the generic provider too: the callback and the button read it.
Object.assign(process.env, OIDC);
const settings = (extra: Record<string, string> = {}) => parseEnv({ ...VALID_ENV, ...OIDC, ...extra });
const claims = (email: string, extra: Record<string, unknown> = {}) => ({
  sub: `sub-${email}`,
  email,
  email_verified: true,
  name: "Kari Nordmann",
  ...extra,
});

async function staffRow(email: string, data: { role?: "admin" | "hr" | "viewer"; active?: boolean } = {}) {
  return prisma().staffUser.create({ data: { email, name: "Existing", role: data.role ?? "hr", active: data.active ?? true, passwordHash: "x" } });
}
const auditOf = (targetId: string) => prisma().auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("SSO sign-in", () => {
  it("signs in the existing staff member whatever the email's case, keeping their role, and audits it", async () => {
    const d = domain();
    const staff = await staffRow(`kari@${d}`, { role: "hr" });
    const result = await ssoSignIn("oidc", claims(`Kari@${d.toUpperCase()}`), settings());
    expect(result).toEqual({ ok: true, staff: { id: staff.id, email: staff.email, name: "Existing", role: "hr", active: true, sessionVersion: 0 } });
    const audit = await auditOf(staff.id);
    expect(audit.map((event) => [event.action, event.actorId, event.data])).toEqual([["auth.sso_sign_in", staff.id, { provider: "oidc" }]]);
  });

  it("refuses an unknown email without creating anyone, and without an audit row", async () => {
    const d = domain();
    expect(await ssoSignIn("oidc", claims(`new@${d}`), settings())).toEqual({ ok: false, reason: "unknown" });
    expect(await prisma().staffUser.count({ where: { email: { endsWith: d } } })).toBe(0);
    expect(await prisma().auditEvent.count({ where: { data: { path: ["email"], string_ends_with: d } } })).toBe(0);
  });

  it("creates a viewer without a password from an allowed domain, audited as created and signed in", async () => {
    const d = domain();
    const result = await ssoSignIn("oidc", claims(`Ny.Ansatt@${d}`), settings({ SSO_ALLOWED_DOMAINS: d }));
    expect(result).toMatchObject({ ok: true, staff: { email: `ny.ansatt@${d}`, name: "Kari Nordmann", role: "viewer", active: true } });
    const row = await prisma().staffUser.findUniqueOrThrow({ where: { email: `ny.ansatt@${d}` } });
    expect(row.passwordHash).toBeNull();
    const audit = await auditOf(row.id);
    expect(audit.map((event) => [event.action, event.data])).toEqual([
      ["staff.sso_created", { email: `ny.ansatt@${d}`, role: "viewer", provider: "oidc" }],
      ["auth.sso_sign_in", { provider: "oidc" }],
    ]);
  });

  it("creates one row when the same new person signs in twice at once", async () => {
    const d = domain();
    const results = await Promise.all(Array.from({ length: 5 }, () => ssoSignIn("oidc", claims(`twice@${d}`), settings({ SSO_ALLOWED_DOMAINS: d }))));
    const ids = new Set(results.map((result) => (result.ok ? result.staff.id : result.reason)));
    expect(ids.size).toBe(1);
    expect(await prisma().staffUser.count({ where: { email: `twice@${d}` } })).toBe(1);
  });

  it("refuses a deactivated staff member, even from an allowed domain, and audits the refusal", async () => {
    const d = domain();
    const staff = await staffRow(`gone@${d}`, { active: false });
    expect(await ssoSignIn("oidc", claims(`gone@${d}`), settings({ SSO_ALLOWED_DOMAINS: d }))).toEqual({ ok: false, reason: "deactivated" });
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).active).toBe(false);
    expect((await auditOf(staff.id)).map((event) => [event.action, event.data])).toEqual([
      ["auth.sso_refused", { email: `gone@${d}`, provider: "oidc", reason: "deactivated" }],
    ]);
  });

  it("refuses an unverified email from a generic provider", async () => {
    const d = domain();
    await staffRow(`kari@${d}`);
    expect(await ssoSignIn("oidc", claims(`kari@${d}`, { email_verified: false }), settings())).toEqual({ ok: false, reason: "no_email" });
  });

  it("with a group mapping, promotes and demotes (audited, by the groups), and creates with the mapped role", async () => {
    const d = domain();
    const mapping = settings({ SSO_GROUP_ROLES: "grp-admins=admin,grp-hr=hr", SSO_ALLOWED_DOMAINS: d });
    const viewer = await staffRow(`up@${d}`, { role: "viewer" });
    expect(await ssoSignIn("oidc", claims(`up@${d}`, { groups: ["other", "grp-admins"] }), mapping)).toMatchObject({
      ok: true,
      staff: { role: "admin" },
    });
    const hr = await staffRow(`down@${d}`, { role: "hr" });
    expect(await ssoSignIn("oidc", claims(`down@${d}`, { groups: [] }), mapping)).toMatchObject({ ok: true, staff: { role: "viewer" } });
    expect(await ssoSignIn("oidc", claims(`fresh@${d}`, { groups: ["grp-hr"] }), mapping)).toMatchObject({ ok: true, staff: { role: "hr" } });

    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("admin");
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: hr.id } })).role).toBe("viewer");
    const changes = await prisma().auditEvent.findMany({
      where: { targetId: { in: [viewer.id, hr.id] }, action: "staff.role_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(changes.map((event) => [event.actorId, event.data])).toEqual([
      [null, { email: `up@${d}`, from: "viewer", to: "admin", by: "sso_groups", provider: "oidc" }],
      [null, { email: `down@${d}`, from: "hr", to: "viewer", by: "sso_groups", provider: "oidc" }],
    ]);
    // Without a mapping the portal's role stands, whatever the token says.
    expect(await ssoSignIn("oidc", claims(`down@${d}`, { groups: ["grp-admins"] }), settings())).toMatchObject({
      ok: true,
      staff: { role: "viewer" },
    });
  });
});

describe("Auth.js's signIn callback", () => {
  it("makes the session's subject the staff id, or sends a refusal back to the login page", async () => {
    const d = domain();
    const staff = await staffRow(`cb@${d}`);
    const user: { id: string; sessionVersion?: number } = { id: "sub-from-the-provider" };
    expect(await ssoSignInCallback({ user, account: { provider: "oidc", type: "oidc" }, profile: claims(`cb@${d}`) })).toBe(true);
    expect(user.id).toBe(staff.id);
    // The cookie must carry the row's session version, or lib/auth/session.ts refuses the session.
    expect(user.sessionVersion).toBe(0);

    const stranger = { id: "sub-2" };
    expect(await ssoSignInCallback({ user: stranger, account: { provider: "oidc", type: "oidc" }, profile: claims(`x@${d}`) })).toBe(
      "/login?sso=unknown",
    );
    expect(stranger.id).toBe("sub-2");
    // Credentials were checked by their own authorize.
    expect(await ssoSignInCallback({ user: { id: "s" }, account: { provider: "credentials", type: "credentials" } })).toBe(true);
  });

  it("the SSO button's action starts only a configured provider", async () => {
    const { ssoSignInAction } = await import("@/app/login/sso/actions");
    const form = (provider: string) => {
      const data = new FormData();
      data.set("provider", provider);
      return data;
    };
    await expect(ssoSignInAction(form("github"))).rejects.toThrow("NEXT_REDIRECT");
    expect(redirected.to).toBe("/login");
    expect(redirected.signIn).toEqual([]);
    await ssoSignInAction(form("oidc"));
    expect(redirected.signIn).toEqual([["oidc", { redirectTo: "/employees" }]]);
  });
});
