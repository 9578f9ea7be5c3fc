// Staff management through the real server actions (staffAction → data layer) with a real session.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { currentStaff } from "@/lib/auth/session";
import { createStaff } from "../support/db";
import { changeStaffRole } from "@/lib/db/staff";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { changeStaffRoleAction, createStaffAction, setStaffActiveAction } = await import("@/app/(portal)/staff/actions");

async function deactivateAllAdminsExcept(keep: string[]) {
  // Test files share a database: other admins would make "last admin" untestable.
  await prisma().staffUser.updateMany({ where: { role: "admin", id: { notIn: keep } }, data: { active: false } });
}

beforeEach(() => {
  signedIn.id = null;
  signedIn.sessionVersion = undefined;
});

describe("password rule", () => {
  it.each([
    ["short1!", "Use at least 12 characters."],
    ["onlylettersherebutlong", "Use letters and at least one digit or symbol."],
    ["123456789012345", "Use letters and at least one digit or symbol."],
    ["aaaaaaaaaaaa1", "Use more different characters."],
    ["xjordan-2026-pass", "Do not use the email in the password."],
  ])("refuses %s", (password, message) => {
    expect(passwordProblem(password, "jordan@example.test")).toBe(message);
  });
  it("accepts a long passphrase", () => {
    expect(passwordProblem("correct horse battery 9", "jordan@example.test")).toBeNull();
  });
});

describe("staff management actions", () => {
  it("creates a staff member with a hashed password that appears in no answer and no audit record", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    const email = `New.Person-${Date.now()}@Example.test`;
    const password = "Initial pass phrase 42!";
    const result = await createStaffAction(null, form({ email, name: "New Person", role: "viewer", password }));
    expect(result).toEqual({ ok: true, data: { email: email.toLowerCase() } });
    expect(JSON.stringify(result)).not.toContain(password);
    const row = await prisma().staffUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row.role).toBe("viewer");
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, row.passwordHash ?? "")).toBe(true);
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "staff.created", targetId: row.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.stringify(audit)).not.toContain(password);

    const duplicate = await createStaffAction(null, form({ email, name: "Again", role: "hr", password }));
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { email: ["emailTaken"] } });
  });

  it("refuses a weak password with a field error and creates nobody", async () => {
    signedIn.id = (await createStaff("admin")).id;
    const email = `weak-${Date.now()}@example.test`;
    const result = await createStaffAction(null, form({ email, name: "Weak", role: "hr", password: "short" }));
    // A key of the staff catalogue namespace (staff.errors.tooShort), translated by the form.
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: ["tooShort"] } });
    expect(await prisma().staffUser.count({ where: { email } })).toBe(0);
  });

  it("changes roles and deactivates, audited with the actor; a deactivated user's session stops at the next request", async () => {
    const admin = await createStaff("admin");
    const target = await createStaff("hr");

    signedIn.id = target.id;
    expect((await currentStaff())?.id).toBe(target.id);

    signedIn.id = admin.id;
    expect(await changeStaffRoleAction(null, form({ staffId: target.id, role: "viewer" }))).toEqual({ ok: true, data: null });
    expect(await setStaffActiveAction(null, form({ staffId: target.id, active: "false" }))).toEqual({ ok: true, data: null });

    // The same (still valid) cookie now resolves to nobody: every page, action and route refuses it.
    signedIn.id = target.id;
    expect(await currentStaff()).toBeNull();
    expect(await changeStaffRoleAction(null, form({ staffId: admin.id, role: "viewer" }))).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });

    const actions = await prisma().auditEvent.findMany({ where: { targetId: target.id }, orderBy: { createdAt: "asc" } });
    // (The last two share a transaction, so their timestamps may tie.)
    expect(actions.map((event) => [event.action, event.actorId]).sort()).toEqual([
      ["auth.sessions_revoked", admin.id],
      ["staff.deactivated", admin.id],
      ["staff.role_changed", admin.id],
    ]);
    expect(actions[0].data).toMatchObject({ from: "hr", to: "viewer" });
    expect(actions.find((event) => event.action === "auth.sessions_revoked")?.data).toMatchObject({ reason: "deactivated" });

    // Reactivating does not revive the old cookie (it did before session versions); a new sign-in works.
    signedIn.id = admin.id;
    expect(await setStaffActiveAction(null, form({ staffId: target.id, active: "true" }))).toEqual({ ok: true, data: null });
    signedIn.id = target.id;
    expect(await currentStaff()).toBeNull();
    const { sessionVersion } = await prisma().staffUser.findUniqueOrThrow({ where: { id: target.id } });
    signedIn.sessionVersion = sessionVersion;
    expect((await currentStaff())?.role).toBe("viewer");
  });

  it("refuses demoting or deactivating yourself", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    const message = "changeSelf"; // a key of the staff catalogue: the Staff form says it in the user's language
    expect(await changeStaffRoleAction(null, form({ staffId: admin.id, role: "hr" }))).toEqual({ ok: false, error: message });
    expect(await setStaffActiveAction(null, form({ staffId: admin.id, active: "false" }))).toEqual({ ok: false, error: message });
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, even by two admins demoting each other at once", async () => {
    const [a, b] = [await createStaff("admin"), await createStaff("admin")];
    await deactivateAllAdminsExcept([a.id, b.id]);
    try {
      // a demotes b while b demotes a, in the data layer itself (the action's role check would otherwise
      // often refuse the slower one first): the lock on the active admins lets exactly one win.
      const results = await Promise.all([changeStaffRole(b.id, "hr", a), changeStaffRole(a.id, "hr", b)]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, error: "lastAdmin" });
      expect(await prisma().staffUser.count({ where: { role: "admin", active: true } })).toBe(1);

      const survivor = (await prisma().staffUser.findFirstOrThrow({ where: { role: "admin", active: true } })).id;
      const other = survivor === a.id ? b : a;
      // The demoted one is hr now: the role check stops it before the data layer.
      signedIn.id = other.id;
      expect(await setStaffActiveAction(null, form({ staffId: survivor, active: "false" }))).toEqual({
        ok: false,
        error: "Your role does not allow this action.",
      });
    } finally {
      await prisma().staffUser.updateMany({ where: { role: "admin" }, data: { active: true } });
    }
  });
});
