// The compliance export route (POST /employees/compliance-export) against anonymous, deactivated, viewer, hr
// and admin callers and against cross-site requests, through the real route handler and real staff rows (only
// Auth.js's cookie decoding is replaced, and next-intl's request lookup, which needs a Next.js request, is
// given the Norwegian catalogue). The e2e access matrix covers the same route over HTTP.
import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import nb from "@/lib/i18n/messages/nb.json";
import { createEmployee, createStaff } from "../support/db";
import { signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next-intl/server", () => ({
  getLocale: async () => "nb",
  getTranslations: async (namespace: string) => createTranslator({ locale: "nb", messages: nb, namespace: namespace as "readiness" }),
}));

const { POST } = await import("@/app/(portal)/employees/compliance-export/route");

const APP = "http://portal.test"; // tests/support/setup-env.ts
const post = (headers: Record<string, string> = { origin: APP, "sec-fetch-site": "same-origin" }) =>
  POST(new Request(`${APP}/employees/compliance-export`, { method: "POST", headers }));

type Caller = "anonymous" | "deactivated" | "viewer" | "hr" | "admin";
const ids = {} as Record<Caller, string | null>;

beforeAll(async () => {
  ids.anonymous = null;
  for (const role of ["viewer", "hr", "admin"] as const) ids[role] = (await createStaff(role)).id;
  const deactivated = await createStaff("admin");
  await prisma().staffUser.update({ where: { id: deactivated.id }, data: { active: false } });
  ids.deactivated = deactivated.id;
  await createEmployee({ firstName: "Ærlig Øystein Åsmund" });
});

const audited = (actorId: string | null) => prisma().auditEvent.count({ where: { action: "employees.compliance_exported", actorId } });

describe("compliance export: who may download it", () => {
  const expected: Record<Caller, number> = { anonymous: 401, deactivated: 401, viewer: 403, hr: 403, admin: 200 };
  for (const caller of Object.keys(expected) as Caller[]) {
    it(`${caller}: ${expected[caller]}`, async () => {
      signedIn.id = ids[caller];
      const before = await audited(ids[caller]);
      const response = await post();
      expect(response.status).toBe(expected[caller]);
      expect(response.headers.get("cache-control")).toBe("no-store");
      // Audited exactly when it is served.
      expect(await audited(ids[caller])).toBe(before + (expected[caller] === 200 ? 1 : 0));
      if (expected[caller] !== 200) expect(await response.text()).not.toContain("Fornavn");
    });
  }

  it("refuses a cross-site or origin-less POST, even from a signed-in admin, before anything is audited", async () => {
    signedIn.id = ids.admin;
    const before = await audited(ids.admin);
    expect((await post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ origin: APP, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ origin: APP, "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect(await audited(ids.admin)).toBe(before);
  });

  it("serves UTF-8 CSV with a BOM, Norwegian headers and æøå intact, as an attachment", async () => {
    signedIn.id = ids.admin;
    const response = await post();
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="compliance-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF"Fornavn","Etternavn","E-post"')).toBe(true);
    expect(text).toContain('"Vilkår godtatt"');
    expect(text).toContain('"Ærlig Øystein Åsmund"');
  });
});

describe("compliance export: dates", () => {
  it("writes ISO 8601 in Oslo time with its offset, summer and winter", async () => {
    const { osloIso } = await import("@/lib/employees/compliance-export");
    expect(osloIso(new Date("2026-07-01T12:00:00Z"))).toBe("2026-07-01T14:00:00+02:00");
    expect(osloIso(new Date("2026-11-27T23:30:05Z"))).toBe("2026-11-28T00:30:05+01:00");
    expect(osloIso(null)).toBe("");
  });
});
