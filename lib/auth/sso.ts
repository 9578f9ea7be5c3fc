import "server-only";
// The class next-auth re-exports, imported from its source: "next-auth" itself needs Next's runtime, which
// the unit tests of these rules do not have.
import { CredentialsSignin } from "@auth/core/errors";
import type { OIDCConfig, Provider } from "next-auth/providers";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env, type Env } from "@/lib/env";
import { recordAudit } from "@/lib/db/audit";
import { createSsoStaff, findStaffForSso, setRoleFromSso, type SsoStaffRow } from "@/lib/db/sso-staff";
import { log } from "@/lib/log";
import type { StaffRole } from "./roles";

// Single sign-on (OpenID Connect through Auth.js): Microsoft Entra ID and one generic OIDC provider, both
// configured by env (lib/env-schema.ts). Who may sign in is decided here, from the ID token's claims and the
// portal's staff rows: the provider proves who someone is, the portal decides whether and as what they work.

export const SSO_PROVIDER_IDS = ["microsoft-entra-id", "oidc"] as const;
export type SsoProviderId = (typeof SSO_PROVIDER_IDS)[number];

/** Why an SSO sign-in was refused; shown on the login page (`/login?sso=<reason>`, namespace `sso`). */
export const SSO_REFUSALS = ["no_email", "unknown", "deactivated", "ambiguous", "groups"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

type SsoSettings = Pick<
  Env,
  | "SSO_OIDC_ISSUER"
  | "SSO_OIDC_CLIENT_ID"
  | "SSO_OIDC_CLIENT_SECRET"
  | "SSO_OIDC_NAME"
  | "SSO_ENTRA_TENANT_ID"
  | "SSO_ENTRA_CLIENT_ID"
  | "SSO_ENTRA_CLIENT_SECRET"
  | "SSO_ALLOWED_DOMAINS"
  | "SSO_GROUP_ROLES"
  | "PASSWORD_SIGN_IN"
>;

/** The configured providers, as the login page offers them (never a secret: this reaches the page). */
export function ssoChoices(settings: SsoSettings = env()): { id: SsoProviderId; name: string | null }[] {
  const choices: { id: SsoProviderId; name: string | null }[] = [];
  if (settings.SSO_ENTRA_TENANT_ID && settings.SSO_ENTRA_CLIENT_ID && settings.SSO_ENTRA_CLIENT_SECRET) {
    choices.push({ id: "microsoft-entra-id", name: "Microsoft" });
  }
  if (settings.SSO_OIDC_ISSUER && settings.SSO_OIDC_CLIENT_ID && settings.SSO_OIDC_CLIENT_SECRET) {
    choices.push({ id: "oidc", name: settings.SSO_OIDC_NAME ?? null });
  }
  return choices;
}

/** Password sign-in is on unless PASSWORD_SIGN_IN=off (which the schema allows only with an SSO provider). */
export function passwordSignInEnabled(settings: SsoSettings = env()): boolean {
  return settings.PASSWORD_SIGN_IN !== "off" || ssoChoices(settings).length === 0;
}

/** Thrown by the credentials provider when password sign-in is switched off. */
export class PasswordSignInOff extends CredentialsSignin {
  code = "password_sign_in_off";
}

// Only what the portal needs from the ID token: no photo, no Graph call (Auth.js's Entra profile fetches one).
const minimalProfile = (claims: { sub?: unknown; email?: unknown; name?: unknown }) => ({
  id: String(claims.sub),
  email: typeof claims.email === "string" ? claims.email : null,
  name: typeof claims.name === "string" ? claims.name : null,
});

/** The Auth.js providers for the configured SSO (none when SSO is off). */
export function ssoProviders(settings: SsoSettings = env()): Provider[] {
  const providers: Provider[] = [];
  for (const choice of ssoChoices(settings)) {
    if (choice.id === "microsoft-entra-id") {
      providers.push(
        MicrosoftEntraID({
          // One tenant: its issuer is checked on every ID token, so only that tenant's accounts get in.
          issuer: `https://login.microsoftonline.com/${settings.SSO_ENTRA_TENANT_ID}/v2.0`,
          clientId: settings.SSO_ENTRA_CLIENT_ID,
          clientSecret: settings.SSO_ENTRA_CLIENT_SECRET,
          authorization: { params: { scope: "openid profile email" } },
          checks: ["pkce", "state", "nonce"],
          profile: minimalProfile,
        }),
      );
    } else {
      const generic: OIDCConfig<Record<string, unknown>> = {
        id: "oidc",
        name: settings.SSO_OIDC_NAME ?? "Single sign-on",
        type: "oidc",
        issuer: settings.SSO_OIDC_ISSUER,
        clientId: settings.SSO_OIDC_CLIENT_ID,
        clientSecret: settings.SSO_OIDC_CLIENT_SECRET,
        authorization: { params: { scope: "openid email profile" } },
        checks: ["pkce", "state", "nonce"],
        profile: minimalProfile,
      };
      providers.push(generic);
    }
  }
  return providers;
}

// ---- Rules: from the ID token's claims and the staff rows to a decision (no I/O; tests/auth/sso-rules.test.ts). ----

export type SsoIdentity = { email: string; name: string; groups: string[] | "overage" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The person the ID token names, or null when it carries no usable email. A generic provider must say the
 * email is verified (`email_verified: true`): otherwise anyone who can type an address there could become
 * that staff member. Entra ID sends no such claim; there the single tenant (checked by the issuer) vouches
 * for its own accounts, and `preferred_username` (the sign-in name, usually the email) stands in when the
 * account has no `email`.
 */
export function identityFromClaims(provider: string, claims: Record<string, unknown>): SsoIdentity | null {
  const entra = provider === "microsoft-entra-id";
  const candidate =
    typeof claims.email === "string" ? claims.email : entra && typeof claims.preferred_username === "string" ? claims.preferred_username : "";
  const email = candidate.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) return null;
  if (!entra && claims.email_verified !== true) return null;
  // Entra leaves the groups out when there are too many for a token ("overage") and points at Graph instead.
  const names = claims._claim_names;
  const overage = (typeof names === "object" && names !== null && "groups" in names) || claims.hasgroups === true;
  const groups = overage
    ? "overage"
    : Array.isArray(claims.groups)
      ? claims.groups.filter((group): group is string => typeof group === "string")
      : [];
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split("@")[0];
  return { email, name, groups };
}

const ROLE_RANK: Record<StaffRole, number> = { viewer: 0, hr: 1, admin: 2 };

/** The highest role among the person's mapped groups; viewer when none of them is mapped. */
export function roleFromGroups(groups: readonly string[], mapping: Readonly<Record<string, StaffRole>>): StaffRole {
  let role: StaffRole = "viewer";
  for (const group of groups) {
    const mapped = mapping[group];
    if (mapped && ROLE_RANK[mapped] > ROLE_RANK[role]) role = mapped;
  }
  return role;
}

export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return allowedDomains.includes(domain);
}

export type SsoDecision =
  | { kind: "refuse"; reason: SsoRefusal; staff?: SsoStaffRow }
  | { kind: "existing"; staff: SsoStaffRow; role: StaffRole | null }
  | { kind: "create"; role: StaffRole };

/**
 * Who signs in: the one active staff row with this email (case ignored), or a new viewer when the email's
 * domain is allowed. With a group mapping, the groups decide the role (a new or an existing account);
 * without one the portal's role stands. A deactivated account stays out, and is never created anew.
 */
export function decideSsoSignIn(
  identity: SsoIdentity,
  rows: readonly SsoStaffRow[],
  rules: { allowedDomains: readonly string[]; groupRoles?: Readonly<Record<string, StaffRole>> },
): SsoDecision {
  if (rules.groupRoles && identity.groups === "overage") return { kind: "refuse", reason: "groups" };
  const mapped = rules.groupRoles && identity.groups !== "overage" ? roleFromGroups(identity.groups, rules.groupRoles) : null;
  const active = rows.filter((row) => row.active);
  if (active.length > 1) return { kind: "refuse", reason: "ambiguous" };
  if (active.length === 1) return { kind: "existing", staff: active[0], role: mapped };
  if (rows.length > 0) return { kind: "refuse", reason: "deactivated", staff: rows[0] };
  if (!emailDomainAllowed(identity.email, rules.allowedDomains)) return { kind: "refuse", reason: "unknown" };
  return { kind: "create", role: mapped ?? "viewer" };
}

// ---- The sign-in itself ----

export type SsoSignInResult = { ok: true; staff: SsoStaffRow } | { ok: false; reason: SsoRefusal };

/** Decides and applies an SSO sign-in: creates or updates the staff row, audits, answers who signed in. */
export async function ssoSignIn(provider: string, claims: Record<string, unknown>, settings: SsoSettings = env()): Promise<SsoSignInResult> {
  const identity = identityFromClaims(provider, claims);
  if (!identity) {
    log.warn("sso: refused, no verified email in the ID token", { provider });
    return { ok: false, reason: "no_email" };
  }
  const rules = { allowedDomains: settings.SSO_ALLOWED_DOMAINS, groupRoles: settings.SSO_GROUP_ROLES };
  // Twice at most: a first sign-in that loses a race to create the same person finds the winner's row.
  for (let attempt = 0; attempt < 2; attempt++) {
    const decision = decideSsoSignIn(identity, await findStaffForSso(identity.email), rules);
    if (decision.kind === "refuse") {
      // Audited when it concerns a staff member; otherwise only logged, by domain (anyone with an account at
      // the provider could fill the audit trail, and an outsider's address is not the portal's to keep).
      if (decision.staff) {
        await recordAudit({
          action: "auth.sso_refused",
          actor: null,
          targetId: decision.staff.id,
          data: { email: decision.staff.email, provider, reason: decision.reason },
        });
      }
      log.warn("sso: refused", { provider, reason: decision.reason, domain: identity.email.split("@")[1] });
      return { ok: false, reason: decision.reason };
    }
    let staff =
      decision.kind === "existing"
        ? decision.staff
        : await createSsoStaff({ email: identity.email, name: identity.name, role: decision.role, provider });
    if (!staff) continue;
    if (decision.kind === "existing" && decision.role && decision.role !== staff.role) {
      staff = { ...staff, role: await setRoleFromSso(staff.id, decision.role, provider) };
    }
    await recordAudit({ action: "auth.sso_sign_in", actor: staff, targetId: staff.id, data: { provider } });
    return { ok: true, staff };
  }
  return { ok: false, reason: "ambiguous" };
}

/**
 * Auth.js's `signIn` callback. Credentials were checked by their own `authorize`. For SSO: a refusal sends
 * the person back to the login page with the reason; a success makes the session's subject the staff id
 * (Auth.js without a database adapter turns this same `user` object into the JWT's `sub`).
 */
export async function ssoSignInCallback(params: {
  user: { id?: string; sessionVersion?: number };
  account?: { provider: string; type: string } | null;
  profile?: Record<string, unknown>;
}): Promise<boolean | string> {
  if (!params.account || params.account.type !== "oidc") return true;
  if (!(SSO_PROVIDER_IDS as readonly string[]).includes(params.account.provider) || !params.profile) return "/login?sso=unknown";
  const result = await ssoSignIn(params.account.provider, params.profile);
  if (!result.ok) return `/login?sso=${result.reason}`;
  params.user.id = result.staff.id;
  // The cookie carries the row's session version like a password sign-in's (lib/auth/session.ts checks it).
  params.user.sessionVersion = result.staff.sessionVersion;
  return true;
}
