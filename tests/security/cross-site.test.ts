// Cross-site request forgery against the routes a signed-in browser can be made to call from another site:
// the two CSV exports (each writes an audit row) and the live statuses (each call may refresh upstream).
process.env.RATE_LIMIT_STATUSES_STAFF = "3/60";

import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { createStaff } from "../support/db";
import { signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
const auditExport = await import("@/app/(portal)/audit/export/route");
const employeesExport = await import("@/app/(portal)/employees/export/route");
const statuses = await import("@/app/api/employees/statuses/route");

const APP = "http://portal.test"; // APP_URL in tests/support/setup-env.ts
const post = (path: string, headers: Record<string, string>, body?: string) => new Request(`${APP}${path}`, { method: "POST", headers, body });
const fromSite = (site: string) => ({ origin: site, "sec-fetch-site": "cross-site" });

async function exportsCount(actorId: string) {
  return prisma().auditEvent.count({ where: { actorId, action: { in: ["audit.exported", "employees.exported"] } } });
}

describe("the CSV exports", () => {
  it("are no longer reachable with a GET (a link or an <img> on another site)", () => {
    expect("GET" in auditExport).toBe(false);
    expect("GET" in employeesExport).toBe(false);
  });

  it("refuse a POST from another site (a form on evil.example), and record nothing", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    const attempts: Record<string, string>[] = [
      fromSite("https://evil.example"),
      { origin: "https://evil.example" },
      { "sec-fetch-site": "same-site" },
      {},
    ];
    for (const headers of attempts) {
      expect((await auditExport.POST(post("/audit/export", headers))).status).toBe(403);
      expect((await employeesExport.POST(post("/employees/export", headers))).status).toBe(403);
    }
    expect(await exportsCount(admin.id)).toBe(0);
  });

  it("answer a same-origin POST (the portal's own button) and record it", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    const audit = await auditExport.POST(post("/audit/export", { origin: APP, "sec-fetch-site": "same-origin" }));
    expect(audit.status).toBe(200);
    await audit.text();
    const employees = await employeesExport.POST(post("/employees/export?q=nobody-at-all", { origin: APP }));
    expect(employees.status).toBe(200);
    await employees.text();
    expect(await exportsCount(admin.id)).toBe(2);
  });
});

describe("POST /api/employees/statuses", () => {
  const body = JSON.stringify({ references: ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] });
  const json = { "content-type": "application/json", origin: APP, "sec-fetch-site": "same-origin" };

  it("refuses a form-encoded or text body (what a cross-site form can send without a preflight)", async () => {
    signedIn.id = (await createStaff("viewer")).id;
    expect((await statuses.POST(post("/api/employees/statuses", { ...json, "content-type": "text/plain" }, body))).status).toBe(415);
    expect(
      (await statuses.POST(post("/api/employees/statuses", { ...json, "content-type": "application/x-www-form-urlencoded" }, body))).status,
    ).toBe(415);
  });

  it("refuses another site's Origin, or none", async () => {
    signedIn.id = (await createStaff("viewer")).id;
    expect(
      (await statuses.POST(post("/api/employees/statuses", { "content-type": "application/json", ...fromSite("https://evil.example") }, body)))
        .status,
    ).toBe(403);
    expect((await statuses.POST(post("/api/employees/statuses", { "content-type": "application/json" }, body))).status).toBe(403);
  });

  it("is limited per staff user", async () => {
    const viewer = await createStaff("viewer");
    signedIn.id = viewer.id;
    for (let i = 0; i < 3; i++) expect((await statuses.POST(post("/api/employees/statuses", json, body))).status).toBe(200);
    const limited = await statuses.POST(post("/api/employees/statuses", json, body));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    // Another staff user is not affected.
    signedIn.id = (await createStaff("viewer")).id;
    expect((await statuses.POST(post("/api/employees/statuses", json, body))).status).toBe(200);
  });
});
