// Single sign-on through a real OpenID provider (e2e/oidc-provider.ts, panva's oidc-provider in this process):
// the portal's SSO button, the provider's own login and consent pages, back to the portal. The spec runs a
// portal of its own (the suite's production build, `next start`, a scratch database and sandbox) with SSO
// settings, on E2E_PORT + 7, so the rest of the suite keeps its password-only portal.
import { expect, test, type Browser, type Page } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { startStack, stopProcess, type Stack } from "../scripts/lib/stack";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";
import { startOidcProvider, type OidcAccount, type RunningOidcProvider } from "./oidc-provider";
import { DEMO_PASSWORD } from "./support";

const port = Number(process.env.E2E_PORT ?? 3310) + 7;
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4310) + 7;
// localhost, not 127.0.0.1: Next.js reports a loopback request's URL as localhost to route handlers, and the
// redirect URI Auth.js computes there must be the one it sent the provider from the login page.
const appUrl = `http://localhost:${port}`;
const BUTTON = "Sign in with Acme ID";

// The provider's directory: login name → the claims it sends.
const ACCOUNTS: Record<string, OidcAccount> = {
  hr: { email: "HR@Demo.Test", name: "Hanne HR (directory)", groups: ["portal-hr"] },
  newcomer: { email: "Ny.Ansatt@SSO.test", name: "Ny Ansatt" },
  outsider: { email: "someone@elsewhere.test", name: "Some One" },
  gone: { email: "gone@sso.test", name: "Gone Person" },
  admin: { email: "admin@demo.test", name: "Demo Admin", groups: [] },
  boss: { email: "boss@sso.test", name: "Big Boss", groups: ["portal-hr", "portal-admins"] },
};

let oidc: RunningOidcProvider;
let stack: Stack;
let server: ChildProcess;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: appUrl });

function ssoSettings(extra: Record<string, string> = {}) {
  return {
    NODE_ENV: "production",
    SSO_OIDC_ISSUER: oidc.issuer,
    SSO_OIDC_CLIENT_ID: oidc.clientId,
    SSO_OIDC_CLIENT_SECRET: oidc.clientSecret,
    SSO_OIDC_NAME: "Acme ID",
    SSO_ALLOWED_DOMAINS: "sso.test",
    SSO_GROUP_ROLES: "portal-admins=admin,portal-hr=hr",
    ...extra,
  };
}

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const staffRow = async (email: string) =>
  (
    await query<{ id: string; role: string; active: boolean; password_hash: string | null }>(
      `SELECT * FROM staff_users WHERE lower(email) = lower($1)`,
      [email],
    )
  )[0];
const auditOf = (targetId: string) =>
  query<{ action: string; data: Record<string, unknown> }>(`SELECT action, data FROM audit_events WHERE target_id = $1 ORDER BY created_at`, [
    targetId,
  ]);

/** The whole journey in a fresh browser (no provider session left over): portal → provider login → consent → portal. */
async function signInBySso(browser: Browser, login: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: appUrl })).newPage();
  await page.goto("/login");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("whatever-the-provider-checks");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${appUrl}/`));
  return page;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  oidc = await startOidcProvider({ redirectUris: [`${appUrl}/api/auth/callback/oidc`], accounts: ACCOUNTS });
  stack = await startStack({
    database: { serverUrl: process.env.DATABASE_URL, prefix: "portal_e2e_sso" },
    seed: true,
    appUrl,
    authSecret: E2E_AUTH_SECRET,
    sandbox: { port: sandboxPort, approvedReturnUrls: [`${appUrl}/return/`], credentials: FAKE_EASYFREELANCE },
    env: ssoSettings(),
  });
  await query(
    `INSERT INTO staff_users (id, email, name, role, active, password_hash, updated_at) VALUES ('sso-gone', 'gone@sso.test', 'Gone', 'hr', false, NULL, now())`,
  );
  server = await stack.startNext({ mode: "start", port, host: "127.0.0.1", output: { tee: ".data/e2e/sso-server.log" }, waitFor: "/login" });
});

test.afterAll(async () => {
  await stack?.stop();
  await oidc?.close();
});

test("an existing staff member signs in by SSO, matched by email whatever its case", async ({ browser }) => {
  const page = await signInBySso(browser, "hr");
  await expect(page).toHaveURL(`${appUrl}/employees`);
  await expect(page.getByTestId("signed-in-as").first()).toContainText("Demo HR");
  const hr = await staffRow("hr@demo.test");
  expect(hr.role).toBe("hr");
  expect(await query(`SELECT id FROM staff_users WHERE lower(email) = 'hr@demo.test'`)).toHaveLength(1);
  expect((await auditOf(hr.id)).map((event) => [event.action, event.data])).toEqual([["auth.sso_sign_in", { provider: "oidc" }]]);
});

test("an unknown person from an allowed domain is created as a viewer without a password", async ({ browser }) => {
  const page = await signInBySso(browser, "newcomer");
  await expect(page).toHaveURL(`${appUrl}/employees`);
  await expect(page.getByTestId("signed-in-as").first()).toContainText("Ny Ansatt");
  await expect(page.getByRole("button", { name: /^Verify / })).toHaveCount(0);
  const created = await staffRow("ny.ansatt@sso.test");
  expect(created).toMatchObject({ role: "viewer", active: true, password_hash: null });
  expect((await auditOf(created.id)).map((event) => event.action)).toEqual(["staff.sso_created", "auth.sso_sign_in"]);
});

test("someone from a domain that is not allowed is refused, and nothing is created", async ({ browser }) => {
  const page = await signInBySso(browser, "outsider");
  await expect(page).toHaveURL(`${appUrl}/login?sso=unknown`);
  await expect(
    page.getByRole("alert").filter({ hasText: "There is no staff account for this email address. Ask an administrator of the portal to add you." }),
  ).toBeVisible();
  await page.goto("/employees");
  await expect(page).toHaveURL(`${appUrl}/login`);
  expect(await staffRow("someone@elsewhere.test")).toBeUndefined();
});

test("a deactivated staff member is refused, even from an allowed domain, and the refusal is audited", async ({ browser }) => {
  const page = await signInBySso(browser, "gone");
  await expect(page).toHaveURL(`${appUrl}/login?sso=deactivated`);
  await expect(
    page.getByRole("alert").filter({ hasText: "Your staff account has been deactivated. Ask an administrator of the portal if this is a mistake." }),
  ).toBeVisible();
  await page.goto("/employees");
  await expect(page).toHaveURL(`${appUrl}/login`);
  expect(await staffRow("gone@sso.test")).toMatchObject({ active: false });
  expect((await auditOf("sso-gone")).map((event) => [event.action, event.data.reason])).toEqual([["auth.sso_refused", "deactivated"]]);
});

test("the group mapping sets the role: admin from the admins group, never demoting the last admin", async ({ browser }) => {
  // admin@demo.test is in no mapped group, but is the only active admin: stays admin.
  let page = await signInBySso(browser, "admin");
  await expect(page).toHaveURL(`${appUrl}/employees`);
  expect((await staffRow("admin@demo.test")).role).toBe("admin");

  // A new person in the admins group is created as an admin and can open the admin pages.
  page = await signInBySso(browser, "boss");
  await expect(page).toHaveURL(`${appUrl}/employees`);
  await page.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff", exact: true, level: 1 })).toBeVisible();
  const boss = await staffRow("boss@sso.test");
  expect(boss.role).toBe("admin");

  // Now that someone else is admin, the groups demote admin@demo.test at the next SSO sign-in (audited).
  page = await signInBySso(browser, "admin");
  await expect(page).toHaveURL(`${appUrl}/employees`);
  await expect(page.getByRole("link", { name: "Staff" })).toHaveCount(0);
  const admin = await staffRow("admin@demo.test");
  expect(admin.role).toBe("viewer");
  expect((await auditOf(admin.id)).filter((event) => event.action === "staff.role_changed").map((event) => event.data)).toEqual([
    { email: "admin@demo.test", from: "admin", to: "viewer", by: "sso_groups", provider: "oidc" },
  ]);
});

/** Auth.js's own credentials endpoint, as a script would call it: answers whether a session cookie came back. */
async function passwordSignInThroughAuthRoute(page: Page): Promise<{ location: string; session: boolean }> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { email: "hr@demo.test", password: DEMO_PASSWORD, csrfToken, callbackUrl: "/employees" },
    maxRedirects: 0,
  });
  const cookies = await page.context().cookies();
  return { location: response.headers().location ?? "", session: cookies.some((cookie) => cookie.name.includes("session-token")) };
}

test("with SSO on, password sign-in still works by default, beside the SSO button", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  expect(await passwordSignInThroughAuthRoute(page)).toMatchObject({ session: true });
});

test("PASSWORD_SIGN_IN=off: the login page offers only SSO and the credentials route refuses the right password", async ({ browser, page }) => {
  test.setTimeout(120_000);
  // The same database and provider, the portal restarted with password sign-in switched off.
  await stopProcess(server);
  const passwordOff = await startStack({
    database: { url: stack.databaseUrl },
    appUrl,
    authSecret: E2E_AUTH_SECRET,
    sandbox: false,
    env: {
      ...ssoSettings({ PASSWORD_SIGN_IN: "off" }),
      ALLOW_DEMO_ACCOUNTS: "1",
      EASYFREELANCE_BASE_URL: stack.sandbox!.apiBaseUrl,
      EASYFREELANCE_TOKEN: FAKE_EASYFREELANCE.token,
      EASYFREELANCE_API_KEY: FAKE_EASYFREELANCE.apiKey,
    },
  });
  try {
    await passwordOff.startNext({ mode: "start", port, host: "127.0.0.1", output: { tee: ".data/e2e/sso-server.log" }, waitFor: "/login" });
    await page.goto("/login");
    await expect(page.getByText("Your organisation signs in with single sign-on.")).toBeVisible();
    await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expect(page.getByLabel("Email")).toHaveCount(0);

    const refused = await passwordSignInThroughAuthRoute(page);
    expect(refused.session).toBe(false);
    expect(refused.location).toContain("code=password_sign_in_off");
    await page.goto("/employees");
    await expect(page).toHaveURL(`${appUrl}/login`);

    // SSO still signs people in.
    const signedIn = await signInBySso(browser, "hr");
    await expect(signedIn).toHaveURL(`${appUrl}/employees`);
  } finally {
    await passwordOff.stop();
  }
});
