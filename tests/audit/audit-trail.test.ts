// The audit trail: what it records, who it names, and the admin-only, injection-safe CSV export.
import { describe, expect, it, vi } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { listAuditTrail } from "@/lib/db/audit";
import { auditText } from "@/lib/audit/text";
import { changeStaffRole } from "@/lib/db/staff";
import { csvCell, toCsv } from "@/lib/security/csv";
import { startVerification } from "@/lib/verification/service";
import { recordReturn, refreshSession } from "@/lib/verification/status-refresh";
import { findSessionByReference } from "@/lib/db/sessions";
import { createEmployee, createStaff } from "../support/db";
import { signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
const { GET: exportRoute } = await import("@/app/(portal)/audit/export/route");

sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] });

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["+1+1", `"'+1+1"`],
    ["-2", `"'-2"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\tx", `"'\tx"`],
    ['plain, with "quotes"\nand a newline', `"plain, with ""quotes""\nand a newline"`],
    [null, `""`],
  ])("%j becomes %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
  it("quotes every cell and ends rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "=x"]])).toBe(`"a","b"\r\n"1","'=x"\r\n`);
  });
});

describe("audit trail", () => {
  it("names who started, reused and superseded which session, every status change and return", async () => {
    const [employee, other, hr, admin] = await Promise.all([createEmployee(), createEmployee(), createStaff("hr"), createStaff("admin")]);
    const input = { employeeId: employee.id, provider: "bankid" } as const;
    const first = await startVerification(input, hr);
    if (!first.ok) throw new Error(first.error);
    await startVerification(input, admin);
    const second = await startVerification({ ...input, replaceSessionId: first.session.id }, admin);
    if (!second.ok) throw new Error(second.error);
    await recordReturn(second.session.reference, new URLSearchParams({ status: "approved" }));
    await fetch(second.session.verificationUrl!, { method: "POST", body: new URLSearchParams({ outcome: "decline" }), redirect: "manual" });
    await refreshSession((await findSessionByReference(second.session.reference))!, new Date(Date.now() + 10_000));
    await startVerification({ employeeId: other.id, provider: "bankid" }, hr);

    const trail = await listAuditTrail({ employeeId: employee.id, limit: 100 });
    const en = auditText("en");
    const summary = trail.map((entry) => [entry.action, en.actor(entry), entry.sessionId]).reverse();
    expect(summary).toEqual([
      ["session.started", hr.email, first.session.id],
      ["session.reused", admin.email, first.session.id],
      ["session.superseded", admin.email, first.session.id],
      ["session.started", admin.email, second.session.id],
      ["session.redirect_received", "employee (return URL)", second.session.id],
      ["session.status_changed", "EasyFreelance", second.session.id],
    ]);
    expect(en.details(trail[0])).toContain("Pending → Declined");
    expect(auditText("nb").details(trail[0])).toContain("leverandør BankID");
    expect(trail.every((entry) => entry.employeeId === employee.id)).toBe(true);
  });

  it("records staff and role changes with the actor; the employee view leaves them out", async () => {
    const [admin, target] = await Promise.all([createStaff("admin"), createStaff("viewer")]);
    await changeStaffRole(target.id, "hr", admin);
    const all = await listAuditTrail({ limit: 1000 });
    const change = all.find(
      (entry) => entry.action === "staff.role_changed" && entry.details.some((part) => "value" in part && part.value === target.email),
    );
    expect(change).toMatchObject({ actor: admin.email });
    expect(auditText("en").details(change!)).toBe(`email ${target.email}; from Viewer; to HR`);
    expect(auditText("nb").details(change!)).toBe(`e-post ${target.email}; fra Leser; til HR`);
  });
});

describe("CSV export route", () => {
  it("is for admins only", async () => {
    signedIn.id = null;
    expect((await exportRoute()).status).toBe(401);
    for (const role of ["viewer", "hr"] as const) {
      signedIn.id = (await createStaff(role)).id;
      const response = await exportRoute();
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("session.");
    }
  });

  it("exports the trail with formula-looking cells neutralised, and records the export", async () => {
    const admin = await createStaff("admin");
    const hostile = await createEmployee({ firstName: "=cmd|' /C calc'!A0" });
    const hr = await createStaff("hr");
    const started = await startVerification({ employeeId: hostile.id, provider: "bankid" }, hr);
    expect(started.ok).toBe(true);
    signedIn.id = admin.id;
    const response = await exportRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    // English outside a request (tests/support/next-intl-server.ts); the BOM first, for Excel.
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8").decode(bytes);
    expect(csv.split("\r\n")[0]).toBe(`"Time","Event","By","Employee","Session","Details"`);
    expect(csv).toContain(`"'=cmd|' /C calc'!A0 Employee ${hostile.efUserId} (${hostile.efUserId})"`);
    expect(csv).not.toMatch(/(^|,)"=/m);
    expect(await prisma().auditEvent.count({ where: { action: "audit.exported", actorId: admin.id } })).toBe(1);
  });
});
