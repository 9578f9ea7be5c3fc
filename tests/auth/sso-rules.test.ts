// Single sign-on's rules without a database: claims → identity, groups → role, the sign-in decision, the
// settings (lib/env-schema.ts) and the providers handed to Auth.js.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  decideSsoSignIn,
  emailDomainAllowed,
  identityFromClaims,
  passwordSignInEnabled,
  roleFromGroups,
  ssoChoices,
  ssoProviders,
  type SsoIdentity,
} from "@/lib/auth/sso";
import type { SsoStaffRow } from "@/lib/db/sso-staff";
import { VALID_ENV } from "../support/valid-env";

const OIDC = {
  SSO_OIDC_ISSUER: "https://idp.example.com/realms/staff",
  SSO_OIDC_CLIENT_ID: "portal",
  SSO_OIDC_CLIENT_SECRET: "oidc-client-secret-1",
};
const ENTRA = {
  SSO_ENTRA_TENANT_ID: "0b5c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
  SSO_ENTRA_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  SSO_ENTRA_CLIENT_SECRET: "entra-client-secret-1",
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("identity from the ID token", () => {
  it("takes a generic provider's email only when it is verified, lower-cased", () => {
    expect(identityFromClaims("oidc", { sub: "1", email: "Kari.Nordmann@Example.com", email_verified: true, name: "Kari" })).toEqual({
      email: "kari.nordmann@example.com",
      name: "Kari",
      groups: [],
    });
    expect(identityFromClaims("oidc", { sub: "1", email: "kari@example.com", email_verified: false })).toBeNull();
    expect(identityFromClaims("oidc", { sub: "1", email: "kari@example.com" })).toBeNull();
    expect(identityFromClaims("oidc", { sub: "1", email: "kari@example.com", email_verified: "true" })).toBeNull();
    expect(identityFromClaims("oidc", { sub: "1", email_verified: true })).toBeNull();
    expect(identityFromClaims("oidc", { sub: "1", email: "not an email", email_verified: true })).toBeNull();
  });

  it("for Entra ID (one tenant, no email_verified claim) falls back to preferred_username", () => {
    expect(identityFromClaims("microsoft-entra-id", { sub: "1", preferred_username: "Ola@Example.no" })?.email).toBe("ola@example.no");
    expect(identityFromClaims("microsoft-entra-id", { sub: "1", email: "ola.n@example.no", preferred_username: "ola@example.no" })?.email).toBe(
      "ola.n@example.no",
    );
    expect(identityFromClaims("microsoft-entra-id", { sub: "1", preferred_username: "live.com#ola" })).toBeNull();
  });

  it("reads string groups, and recognises Entra's group overage", () => {
    const base = { sub: "1", email: "a@example.com", email_verified: true };
    expect(identityFromClaims("oidc", { ...base, groups: ["g1", 7, "g2"] })?.groups).toEqual(["g1", "g2"]);
    expect(identityFromClaims("oidc", { ...base, groups: "g1" })?.groups).toEqual([]);
    expect(identityFromClaims("microsoft-entra-id", { ...base, _claim_names: { groups: "src1" } })?.groups).toBe("overage");
  });

  it("names the person by the name claim, else by the email's local part", () => {
    expect(identityFromClaims("oidc", { sub: "1", email: "per.hansen@example.com", email_verified: true })?.name).toBe("per.hansen");
    expect(identityFromClaims("oidc", { sub: "1", email: "p@example.com", email_verified: true, name: "  " })?.name).toBe("p");
  });
});

describe("role from groups", () => {
  const mapping = { "grp-admins": "admin", "grp-hr": "hr", "grp-readers": "viewer" } as const;
  it("is the highest mapped role, viewer when no group is mapped", () => {
    expect(roleFromGroups(["grp-readers", "grp-admins", "grp-hr"], mapping)).toBe("admin");
    expect(roleFromGroups(["grp-hr", "other"], mapping)).toBe("hr");
    expect(roleFromGroups(["other"], mapping)).toBe("viewer");
    expect(roleFromGroups([], mapping)).toBe("viewer");
  });
  it("matches group ids exactly (case matters, no prefixes)", () => {
    expect(roleFromGroups(["GRP-ADMINS", "grp-admins-old", "grp-admin"], mapping)).toBe("viewer");
  });
});

describe("allowed domains", () => {
  it("compares the whole domain, ignoring case, never a suffix", () => {
    expect(emailDomainAllowed("a@example.com", ["example.com"])).toBe(true);
    expect(emailDomainAllowed("a@EXAMPLE.com", ["example.com"])).toBe(true);
    expect(emailDomainAllowed("a@evil-example.com", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@sub.example.com", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@example.com.evil.io", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@example.com", [])).toBe(false);
  });
});

describe("the sign-in decision", () => {
  const person = (groups: SsoIdentity["groups"] = []): SsoIdentity => ({ email: "kari@example.com", name: "Kari", groups });
  const row = (over: Partial<SsoStaffRow> = {}): SsoStaffRow => ({
    id: "s1",
    email: "kari@example.com",
    name: "Kari",
    role: "hr",
    active: true,
    sessionVersion: 0,
    ...over,
  });
  const open = { allowedDomains: ["example.com"] };
  const closed = { allowedDomains: [] };
  const mapped = { allowedDomains: ["example.com"], groupRoles: { admins: "admin", hr: "hr" } as const };

  it("signs in the one active staff member with that email, keeping the portal's role", () => {
    expect(decideSsoSignIn(person(), [row()], closed)).toEqual({ kind: "existing", staff: row(), role: null });
  });

  it("refuses a deactivated staff member, even from an allowed domain (never created anew)", () => {
    expect(decideSsoSignIn(person(), [row({ active: false })], open)).toMatchObject({ kind: "refuse", reason: "deactivated" });
  });

  it("creates a viewer from an allowed domain, refuses an unknown one", () => {
    expect(decideSsoSignIn(person(), [], open)).toEqual({ kind: "create", role: "viewer" });
    expect(decideSsoSignIn(person(), [], closed)).toEqual({ kind: "refuse", reason: "unknown" });
    expect(decideSsoSignIn({ ...person(), email: "kari@other.org" }, [], open)).toEqual({ kind: "refuse", reason: "unknown" });
  });

  it("with a group mapping, the groups decide the role of new and existing staff", () => {
    expect(decideSsoSignIn(person(["admins"]), [], mapped)).toEqual({ kind: "create", role: "admin" });
    expect(decideSsoSignIn(person(["unmapped"]), [], mapped)).toEqual({ kind: "create", role: "viewer" });
    expect(decideSsoSignIn(person(["hr"]), [row({ role: "viewer" })], mapped)).toMatchObject({ kind: "existing", role: "hr" });
    expect(decideSsoSignIn(person([]), [row({ role: "admin" })], mapped)).toMatchObject({ kind: "existing", role: "viewer" });
    // Groups never open the door for someone the domain rule keeps out.
    expect(decideSsoSignIn(person(["admins"]), [], { ...mapped, allowedDomains: [] })).toEqual({ kind: "refuse", reason: "unknown" });
  });

  it("refuses when the groups cannot be read (overage) and a mapping needs them; ignores it otherwise", () => {
    expect(decideSsoSignIn(person("overage"), [row()], mapped)).toEqual({ kind: "refuse", reason: "groups" });
    expect(decideSsoSignIn(person("overage"), [row()], closed)).toMatchObject({ kind: "existing", role: null });
  });

  it("refuses when two active rows share the email (case aside)", () => {
    expect(decideSsoSignIn(person(), [row(), row({ id: "s2", email: "Kari@example.com" })], open)).toEqual({ kind: "refuse", reason: "ambiguous" });
    expect(decideSsoSignIn(person(), [row({ active: false }), row({ id: "s2" })], open)).toMatchObject({ kind: "existing", staff: { id: "s2" } });
  });
});

describe("settings", () => {
  it("leaves SSO off by default, password sign-in on", () => {
    const env = parseEnv(VALID_ENV);
    expect(ssoChoices(env)).toEqual([]);
    expect(ssoProviders(env)).toEqual([]);
    expect(env.PASSWORD_SIGN_IN).toBe("on");
    expect(passwordSignInEnabled(env)).toBe(true);
  });

  it("reads both providers, allowed domains and the group mapping", () => {
    const env = parseEnv({
      ...VALID_ENV,
      ...OIDC,
      ...ENTRA,
      SSO_OIDC_NAME: "Acme ID",
      SSO_ALLOWED_DOMAINS: " Example.com, @example.no ",
      SSO_GROUP_ROLES: "g-1=admin, g 2=hr",
    });
    expect(ssoChoices(env)).toEqual([
      { id: "microsoft-entra-id", name: "Microsoft" },
      { id: "oidc", name: "Acme ID" },
    ]);
    expect(env.SSO_ALLOWED_DOMAINS).toEqual(["example.com", "example.no"]);
    expect(env.SSO_GROUP_ROLES).toEqual({ "g-1": "admin", "g 2": "hr" });
  });

  it("switches password sign-in off only with a provider", () => {
    expect(passwordSignInEnabled(parseEnv({ ...VALID_ENV, ...OIDC, PASSWORD_SIGN_IN: "off" }))).toBe(false);
    expect(messageOf(() => parseEnv({ ...VALID_ENV, PASSWORD_SIGN_IN: "off" }))).toContain(
      "PASSWORD_SIGN_IN can only be off when a single sign-on provider is configured",
    );
    expect(messageOf(() => parseEnv({ ...VALID_ENV, ...OIDC, PASSWORD_SIGN_IN: "no" }))).toContain('PASSWORD_SIGN_IN must be "on" or "off"');
  });

  it("names every bad SSO setting without echoing a secret", () => {
    const partial = messageOf(() => parseEnv({ ...VALID_ENV, SSO_OIDC_CLIENT_SECRET: "oidc-client-secret-1", SSO_ENTRA_CLIENT_ID: "x" }));
    expect(partial).toContain("SSO_OIDC_ISSUER needs SSO_OIDC_CLIENT_ID and SSO_OIDC_CLIENT_SECRET too");
    expect(partial).toContain("SSO_ENTRA_TENANT_ID needs SSO_ENTRA_CLIENT_ID and SSO_ENTRA_CLIENT_SECRET too");
    expect(partial).not.toContain("oidc-client-secret-1");
    expect(messageOf(() => parseEnv({ ...VALID_ENV, ...OIDC, SSO_OIDC_ISSUER: "http://idp.example.com" }))).toContain(
      "SSO_OIDC_ISSUER must use https",
    );
    expect(messageOf(() => parseEnv({ ...VALID_ENV, ...OIDC, SSO_OIDC_ISSUER: "http://127.0.0.1:4000" }))).toBe("");
    for (const tenant of ["common", "organizations", "consumers"]) {
      expect(messageOf(() => parseEnv({ ...VALID_ENV, ...ENTRA, SSO_ENTRA_TENANT_ID: tenant }))).toContain(
        "SSO_ENTRA_TENANT_ID must be your tenant's id",
      );
    }
    expect(messageOf(() => parseEnv({ ...VALID_ENV, ...ENTRA, SSO_ENTRA_TENANT_ID: "contoso.onmicrosoft.com" }))).toBe("");
    for (const roles of ["g1=owner", "=admin", "g1", "g1=admin,g1=hr"]) {
      expect(messageOf(() => parseEnv({ ...VALID_ENV, ...OIDC, SSO_GROUP_ROLES: roles }))).toContain("SSO_GROUP_ROLES must look like");
    }
    expect(messageOf(() => parseEnv({ ...VALID_ENV, ...OIDC, SSO_ALLOWED_DOMAINS: "example.com, not a domain" }))).toContain(
      "SSO_ALLOWED_DOMAINS must be email domains",
    );
    expect(messageOf(() => parseEnv({ ...VALID_ENV, SSO_ALLOWED_DOMAINS: "example.com" }))).toContain("SSO_ALLOWED_DOMAINS has no effect without");
    expect(messageOf(() => parseEnv({ ...VALID_ENV, SSO_GROUP_ROLES: "g=admin" }))).toContain("SSO_GROUP_ROLES has no effect without");
  });

  it("hands Auth.js a one-tenant Entra ID and the generic provider, both with PKCE, state and nonce", () => {
    const providers = ssoProviders(parseEnv({ ...VALID_ENV, ...OIDC, ...ENTRA })) as unknown as Array<Record<string, unknown>>;
    const entra = providers[0].options as Record<string, unknown>;
    expect(providers[0].id).toBe("microsoft-entra-id");
    expect(entra.issuer).toBe(`https://login.microsoftonline.com/${ENTRA.SSO_ENTRA_TENANT_ID}/v2.0`);
    expect(entra.checks).toEqual(["pkce", "state", "nonce"]);
    expect(providers[1]).toMatchObject({
      id: "oidc",
      type: "oidc",
      issuer: OIDC.SSO_OIDC_ISSUER,
      clientId: "portal",
      checks: ["pkce", "state", "nonce"],
    });
    // The portal's own profile: no Graph photo call, only id, email and name.
    const profile = entra.profile as (claims: Record<string, unknown>) => unknown;
    expect(profile({ sub: "abc", email: "a@example.com", name: "A", oid: "x" })).toEqual({ id: "abc", email: "a@example.com", name: "A" });
  });
});
