// Who added or linked which employee (linking an existing EasyFreelance user shows the partner that
// person's bank details), and who used the Settings actions: each is in the audit trail.
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { createStaff } from "../support/db";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
class Redirected extends Error {
  constructor(public to: string) {
    super(`redirect ${to}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirected(to);
  },
}));

const APP_URL = "http://audit-settings.portal.test";
sandboxForThisFile({}, { APP_URL, EASYFREELANCE_TIMEOUT_MS: "2000" });
const { addEmployeeAction } = await import("@/app/(portal)/employees/new/actions");
const { registerReturnUrlAction, checkCredentialsAction } = await import("@/app/(portal)/settings/actions");

async function add(fields: Record<string, string>): Promise<string> {
  try {
    const result = await addEmployeeAction(null, form(fields));
    throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof Redirected) return error.to;
    throw error;
  }
}

const auditOf = (actorId: string) => prisma().auditEvent.findMany({ where: { actorId }, orderBy: { createdAt: "asc" } });

describe("Add employee", () => {
  it("records who created a new EasyFreelance user, and who linked an existing one", async () => {
    const hr = await createStaff("hr");
    signedIn.id = hr.id;
    const email = `audit.${randomBytes(4).toString("hex")}@example.no`;
    const first = await add({ email, firstName: "Ada", bankMode: "none" });
    const employeeId = /^\/employees\/([^?]+)/.exec(first)![1];
    const employee = await prisma().employee.findUniqueOrThrow({ where: { id: employeeId } });

    // The same person again after the portal's row is gone: EasyFreelance already has them, and links them.
    await prisma().employee.delete({ where: { id: employeeId } });
    const other = await createStaff("admin");
    signedIn.id = other.id;
    const second = await add({ email, bankMode: "none" });
    const relinkedId = /^\/employees\/([^?]+)/.exec(second)![1];

    expect((await auditOf(hr.id)).map((event) => [event.action, event.targetId, event.data])).toEqual([
      ["employee.created", employeeId, { efUserId: employee.efUserId, email }],
    ]);
    expect((await auditOf(other.id)).map((event) => [event.action, event.targetId, event.data])).toEqual([
      ["employee.linked", relinkedId, { efUserId: employee.efUserId, email }],
    ]);
    expect((await auditOf(other.id))[0].actorLabel).toBe(other.email);
  });
});

describe("Settings", () => {
  it("records a return-URL registration and a credentials check, by whom and with what outcome", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    const registered = await registerReturnUrlAction(null, form({}));
    expect(registered.ok).toBe(true);
    const checked = await checkCredentialsAction(null, form({}));
    expect(checked.ok).toBe(true);
    const events = await auditOf(admin.id);
    expect(events.map((event) => event.action)).toEqual(["settings.return_url_registered", "settings.credentials_checked"]);
    expect(events[0].data).toMatchObject({ url: `${APP_URL}/return`, outcome: "pending" });
    expect(events[1].data).toMatchObject({ outcome: "accepted" });
  });
});
