// REQUIRE_ADMIN_2FA=1: an admin without a second factor may only use the Account page until they enrol one,
// and cannot turn it off; other roles are not affected. (Set before the first env() read of this file's graph.)
process.env.REQUIRE_ADMIN_2FA = "1";

import { generate } from "otplib";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { currentStaff, pendingAccountStep, sessionStaff } from "@/lib/auth/session";
import { createStaff } from "../support/db";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { startSecondFactorAction, confirmSecondFactorAction, disableSecondFactorAction } = await import("@/app/(portal)/account/actions");
const { setStaffActiveAction } = await import("@/app/(portal)/staff/actions");

describe("second factor required for admins", () => {
  it("holds an admin at the Account page until they enrol, then lets them in; they cannot turn it off", async () => {
    const admin = await createStaff("admin");
    const hr = await createStaff("hr");
    signedIn.id = hr.id;
    expect(await currentStaff()).toMatchObject({ id: hr.id });

    signedIn.id = admin.id;
    const pending = await sessionStaff();
    expect(pending && pendingAccountStep(pending)).toBe("enrol_second_factor");
    expect(await currentStaff()).toBeNull();
    expect(await setStaffActiveAction(null, form({ staffId: hr.id, active: "false" }))).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });

    const started = await startSecondFactorAction(null, form({}));
    if (!started.ok) throw new Error(started.error);
    expect(await confirmSecondFactorAction(null, form({ code: await generate({ secret: started.data.secret }) }))).toMatchObject({ ok: true });
    expect(await currentStaff()).toMatchObject({ id: admin.id, role: "admin" });
    expect(await disableSecondFactorAction(null, form({ currentPassword: "anything" }))).toEqual({ ok: false, error: "requiredForAdmins" });
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabledAt).not.toBeNull();
  });
});
