// Every page and route handler over HTTP, as anonymous, viewer, hr and admin (server actions are covered
// in tests/auth/action-matrix.test.ts). Redirects are not followed: the answer itself is checked.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support";

type Caller = "anonymous" | "viewer" | "hr" | "admin";
type Expect = { status: number; location?: RegExp };

const toLogin: Expect = { status: 307, location: /\/login$/ };
const denied: Expect = { status: 307, location: /\/employees\?denied=1$/ };
const ok: Expect = { status: 200 };
const unknownRef = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const unknownToken = "A".repeat(43);

const crossSite: Expect = { status: 403 };

// `post` rows are POSTs from the portal's own pages (Origin = the portal), unless `origin` names another site ("": no Origin at all).
const MATRIX: Array<{ path: string; post?: unknown; origin?: string } & Record<Caller, Expect>> = [
  {
    path: "/",
    anonymous: { status: 307, location: /\/employees$/ },
    viewer: { status: 307, location: /\/employees$/ },
    hr: { status: 307, location: /\/employees$/ },
    admin: { status: 307, location: /\/employees$/ },
  },
  {
    path: "/login",
    anonymous: ok,
    viewer: { status: 307, location: /\/employees$/ },
    hr: { status: 307, location: /\/employees$/ },
    admin: { status: 307, location: /\/employees$/ },
  },
  { path: "/employees", anonymous: toLogin, viewer: ok, hr: ok, admin: ok },
  { path: "/employees/new", anonymous: toLogin, viewer: denied, hr: ok, admin: ok },
  { path: "/employees/import", anonymous: toLogin, viewer: denied, hr: ok, admin: ok },
  // An unknown import: admin and HR get past the access check to the not-found answer.
  { path: "/employees/import/no-such-job", anonymous: toLogin, viewer: denied, hr: { status: 404 }, admin: { status: 404 } },
  {
    path: "/employees/import/no-such-job/report",
    anonymous: { status: 401 },
    viewer: { status: 403 },
    hr: { status: 404 },
    admin: { status: 404 },
  },
  // The exports are POSTs from the portal's own pages (each writes an audit row); a GET is no export.
  { path: "/employees/export", post: {}, anonymous: { status: 401 }, viewer: ok, hr: ok, admin: ok },
  { path: "/employees/export", post: {}, origin: "https://evil.example", anonymous: crossSite, viewer: crossSite, hr: crossSite, admin: crossSite },
  { path: "/employees/export", anonymous: { status: 405 }, viewer: { status: 405 }, hr: { status: 405 }, admin: { status: 405 } },
  // One attempt's events, paged: any staff member, like the employee page.
  {
    path: "/employees/no-such-employee/sessions/no-such-session",
    anonymous: toLogin,
    viewer: { status: 404 },
    hr: { status: 404 },
    admin: { status: 404 },
  },
  // An unknown employee: staff get past the access check to the not-found answer.
  { path: "/employees/no-such-employee", anonymous: toLogin, viewer: { status: 404 }, hr: { status: 404 }, admin: { status: 404 } },
  { path: "/account", anonymous: toLogin, viewer: ok, hr: ok, admin: ok },
  { path: "/settings", anonymous: toLogin, viewer: denied, hr: denied, admin: ok },
  { path: "/staff", anonymous: toLogin, viewer: denied, hr: denied, admin: ok },
  { path: "/audit", anonymous: toLogin, viewer: denied, hr: denied, admin: ok },
  { path: "/audit/export", post: {}, anonymous: { status: 401 }, viewer: { status: 403 }, hr: { status: 403 }, admin: ok },
  { path: "/audit/export", post: {}, origin: "https://evil.example", anonymous: crossSite, viewer: crossSite, hr: crossSite, admin: crossSite },
  { path: "/audit/export", anonymous: { status: 405 }, viewer: { status: 405 }, hr: { status: 405 }, admin: { status: 405 } },
  // The compliance export: admins only, and only a same-origin POST (it writes an audit row).
  { path: "/employees/compliance-export", post: {}, anonymous: { status: 401 }, viewer: { status: 403 }, hr: { status: 403 }, admin: ok },
  { path: "/employees/compliance-export", post: {}, origin: "", anonymous: crossSite, viewer: crossSite, hr: crossSite, admin: crossSite },
  {
    path: "/employees/compliance-export",
    post: {},
    origin: "https://evil.example",
    anonymous: crossSite,
    viewer: crossSite,
    hr: crossSite,
    admin: crossSite,
  },
  { path: `/status/${unknownRef}`, anonymous: { status: 404 }, viewer: { status: 404 }, hr: { status: 404 }, admin: { status: 404 } },
  { path: `/api/status/${unknownRef}`, anonymous: { status: 404 }, viewer: { status: 404 }, hr: { status: 404 }, admin: { status: 404 } },
  {
    path: `/return/${unknownRef}`,
    anonymous: { status: 303, location: /^\/status\/not-found$/ },
    viewer: { status: 303, location: /^\/status\/not-found$/ },
    hr: { status: 303, location: /^\/status\/not-found$/ },
    admin: { status: 303, location: /^\/status\/not-found$/ },
  },
  // The invitation page and its Start (the token is the credential; an unknown one is simply not found).
  { path: `/i/${unknownToken}`, anonymous: { status: 404 }, viewer: { status: 404 }, hr: { status: 404 }, admin: { status: 404 } },
  {
    path: `/i/${unknownToken}/start`,
    post: {},
    anonymous: { status: 303, location: /^\/i\/not-found$/ },
    viewer: { status: 303, location: /^\/i\/not-found$/ },
    hr: { status: 303, location: /^\/i\/not-found$/ },
    admin: { status: 303, location: /^\/i\/not-found$/ },
  },
  { path: "/api/auth/session", anonymous: ok, viewer: ok, hr: ok, admin: ok },
  { path: "/api/health", anonymous: ok, viewer: ok, hr: ok, admin: ok },
  { path: "/api/health/live", anonymous: ok, viewer: ok, hr: ok, admin: ok },
  // Only Vercel Cron's bearer secret runs the sweep: a staff session is no substitute.
  { path: "/api/cron/sweep", anonymous: { status: 401 }, viewer: { status: 401 }, hr: { status: 401 }, admin: { status: 401 } },
  { path: "/api/employees/statuses", post: { references: [unknownRef] }, anonymous: { status: 401 }, viewer: ok, hr: ok, admin: ok },
  {
    path: "/api/employees/statuses",
    post: { references: [unknownRef] },
    origin: "https://evil.example",
    anonymous: { status: 401 },
    viewer: crossSite,
    hr: crossSite,
    admin: crossSite,
  },
];

async function check(request: APIRequestContext, caller: Caller, baseURL: string) {
  for (const row of MATRIX) {
    const origin = row.origin ?? new URL(baseURL).origin;
    const response =
      row.post === undefined
        ? await request.get(row.path, { maxRedirects: 0 })
        : await request.post(row.path, { data: row.post, headers: origin ? { origin } : {}, maxRedirects: 0 });
    const expected = row[caller];
    expect(response.status(), `${caller} ${row.post === undefined ? "GET" : "POST"} ${row.path}`).toBe(expected.status);
    if (expected.location)
      expect(response.headers()["location"], `${caller} ${row.post === undefined ? "GET" : "POST"} ${row.path}`).toMatch(expected.location);
  }
}

for (const caller of ["anonymous", "viewer", "hr", "admin"] as const) {
  test(`access matrix as ${caller}`, async ({ page, baseURL }) => {
    if (caller !== "anonymous") await signIn(page, `${caller}@demo.test`);
    await check(page.request, caller, baseURL!);
  });
}

/** Every page.tsx and route.ts under app/, as a pattern over URL paths ((group) dropped, [param] = a segment). */
function appEntryPoints(dir = "app"): Array<{ file: string; pattern: RegExp }> {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return appEntryPoints(path);
    if (!/^(page\.tsx|route\.ts)$/.test(entry)) return [];
    const segments = dir
      .split("/")
      .slice(1)
      .filter((segment) => !/^\(.*\)$/.test(segment));
    const source = segments.map((segment) => (/^\[\.\.\..*\]$/.test(segment) ? ".+" : /^\[.*\]$/.test(segment) ? "[^/]+" : segment)).join("/");
    return [{ file: path, pattern: new RegExp(`^/${source}$`) }];
  });
}

test("the matrix has a row for every page and route handler in app/", () => {
  const missing = appEntryPoints()
    .filter(({ pattern }) => !MATRIX.some((row) => pattern.test(row.path)))
    .map(({ file }) => file);
  expect(missing).toEqual([]);
});
