// Staff accounts (issue 12) through the real server actions, data layer and credentials check: forced
// password change, admin reset with a temporary password, revocation of every session, and the second factor.
import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { currentStaff, sessionStaff } from "@/lib/auth/session";
import { decryptSecret } from "@/lib/auth/totp";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createStaffAction, resetStaffPasswordAction, setStaffActiveAction } = await import("@/app/(portal)/staff/actions");
const { changePasswordAction, startSecondFactorAction, confirmSecondFactorAction, disableSecondFactorAction, newRecoveryCodesAction } =
  await import("@/app/(portal)/account/actions");
const { signOutAction } = await import("@/app/(portal)/actions");
const { authorizeCredentials, InvalidCredentials, InvalidSecondFactor, SecondFactorRequired, TemporaryPasswordExpired } =
  await import("@/lib/auth/authorize");
const { startVerificationAction } = await import("@/app/(portal)/employees/actions");

const PASSWORD = "my own pass phrase 42";
const headers = () => new Headers({ "x-forwarded-for": `10.${randomBytes(3).join(".")}` });
const unique = () => randomBytes(4).toString("hex");

/** A staff member with a known password, signed in (cookie of the row's current session version). */
async function member(role: "admin" | "hr" | "viewer" = "hr", password = PASSWORD) {
  const email = `member-${unique()}@example.test`;
  const row = await prisma().staffUser.create({ data: { email, name: `Member ${email}`, role, passwordHash: await hashPassword(password) } });
  return row;
}
function actAs(row: { id: string }, sessionVersion?: number) {
  signedIn.id = row.id;
  signedIn.sessionVersion = sessionVersion;
}
const version = async (id: string) => (await prisma().staffUser.findUniqueOrThrow({ where: { id } })).sessionVersion;
const auditsOf = async (id: string) =>
  (await prisma().auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((event) => event.action);

beforeEach(() => {
  signedIn.id = null;
  signedIn.sessionVersion = undefined;
});

describe("password chosen by an admin", () => {
  it("must be changed at the first sign-in: until then only the Account page's actions work", async () => {
    const admin = await member("admin");
    actAs(admin);
    const email = `new-${unique()}@example.test`;
    const initial = "Initial pass phrase 42!";
    expect(await createStaffAction(null, form({ email, name: "New", role: "hr", password: initial }))).toMatchObject({ ok: true });
    const created = await prisma().staffUser.findUniqueOrThrow({ where: { email } });
    expect(created.mustChangePassword).toBe(true);
    // It expires after 72 hours.
    expect(created.passwordExpiresAt!.getTime() - Date.now()).toBeGreaterThan(71.9 * 3_600_000);

    const signedInUser = await authorizeCredentials({ email, password: initial }, headers());
    actAs({ id: signedInUser.id }, signedInUser.sessionVersion);
    expect(await sessionStaff()).toMatchObject({ id: created.id, mustChangePassword: true });
    expect(await currentStaff()).toBeNull();
    expect(await startVerificationAction(null, form({ employeeId: "none", provider: "bankid" }))).toEqual({
      ok: false,
      error: "Your session has ended. Sign in again.",
    });

    // Wrong current password, a mismatch, a weak or unchanged password: field errors, nothing changes.
    expect(await changePasswordAction(null, form({ currentPassword: "nope", newPassword: PASSWORD, confirmPassword: PASSWORD }))).toMatchObject({
      fieldErrors: { currentPassword: ["wrongPassword"] },
    });
    expect(await changePasswordAction(null, form({ currentPassword: initial, newPassword: PASSWORD, confirmPassword: "other" }))).toMatchObject({
      fieldErrors: { confirmPassword: ["mismatch"] },
    });
    expect(await changePasswordAction(null, form({ currentPassword: initial, newPassword: "short", confirmPassword: "short" }))).toMatchObject({
      fieldErrors: { newPassword: ["tooShort"] },
    });
    expect(await changePasswordAction(null, form({ currentPassword: initial, newPassword: initial, confirmPassword: initial }))).toMatchObject({
      fieldErrors: { newPassword: ["samePassword"] },
    });
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);

    expect(await changePasswordAction(null, form({ currentPassword: initial, newPassword: PASSWORD, confirmPassword: PASSWORD }))).toEqual({
      ok: true,
      data: null,
    });
    const changed = await prisma().staffUser.findUniqueOrThrow({ where: { id: created.id } });
    expect(changed).toMatchObject({ mustChangePassword: false, passwordExpiresAt: null });
    expect(await verifyPassword(PASSWORD, changed.passwordHash ?? "")).toBe(true);
    // Every session ended, this one included; a new sign-in with the new password opens the portal.
    expect(await sessionStaff()).toBeNull();
    await expect(authorizeCredentials({ email, password: initial }, headers())).rejects.toBeInstanceOf(InvalidCredentials);
    const again = await authorizeCredentials({ email, password: PASSWORD }, headers());
    actAs({ id: again.id }, again.sessionVersion);
    expect(await currentStaff()).toMatchObject({ id: created.id, role: "hr" });
    expect(await auditsOf(created.id)).toEqual(expect.arrayContaining(["staff.created", "account.password_changed", "auth.sessions_revoked"]));
  });
});

describe("admin reset", () => {
  it("issues a temporary password once, ends the user's sessions, and the old password stops working", async () => {
    const admin = await member("admin");
    const target = await member("hr");
    const targetCookie = await version(target.id);

    actAs(admin);
    const result = await resetStaffPasswordAction(null, form({ staffId: target.id }));
    if (!result.ok) throw new Error(result.error);
    const temporary = result.data.temporaryPassword;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(new Date(result.data.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);

    // The user's existing session has ended.
    actAs(target, targetCookie);
    expect(await sessionStaff()).toBeNull();
    // The old password no longer works; the temporary one does, and must be changed.
    await expect(authorizeCredentials({ email: target.email, password: PASSWORD }, headers())).rejects.toBeInstanceOf(InvalidCredentials);
    const signedInUser = await authorizeCredentials({ email: target.email, password: temporary }, headers());
    actAs(target, signedInUser.sessionVersion);
    expect(await sessionStaff()).toMatchObject({ mustChangePassword: true });
    expect(await currentStaff()).toBeNull();

    // Audited, without the password.
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: "staff.password_reset", targetId: target.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.stringify(audit)).not.toContain(temporary);
    expect(await auditsOf(target.id)).toContain("auth.sessions_revoked");
    const row = await prisma().staffUser.findUniqueOrThrow({ where: { id: target.id } });
    expect(row.passwordHash).not.toContain(temporary);
  });

  it("refuses resetting yourself, and a temporary password past its expiry does not sign in", async () => {
    const admin = await member("admin");
    actAs(admin);
    expect(await resetStaffPasswordAction(null, form({ staffId: admin.id }))).toEqual({ ok: false, error: "resetSelf" });

    const target = await member("viewer");
    const result = await resetStaffPasswordAction(null, form({ staffId: target.id }));
    if (!result.ok) throw new Error(result.error);
    await prisma().staffUser.update({ where: { id: target.id }, data: { passwordExpiresAt: new Date(Date.now() - 1000) } });
    await expect(authorizeCredentials({ email: target.email, password: result.data.temporaryPassword }, headers())).rejects.toBeInstanceOf(
      TemporaryPasswordExpired,
    );
  });
});

describe("revocation", () => {
  it("signing out ends every session of the user at once (other devices too), and only theirs", async () => {
    const user = await member("hr");
    const bystander = await member("hr");
    const first = await authorizeCredentials({ email: user.email, password: PASSWORD }, headers());
    const second = await authorizeCredentials({ email: user.email, password: PASSWORD }, headers());
    actAs(user, first.sessionVersion);
    expect(await currentStaff()).not.toBeNull();
    await signOutAction();
    actAs(user, second.sessionVersion);
    expect(await currentStaff()).toBeNull();
    actAs(user, first.sessionVersion);
    expect(await currentStaff()).toBeNull();
    actAs(bystander);
    expect(await currentStaff()).not.toBeNull();
    expect(await prisma().auditEvent.findFirst({ where: { action: "auth.sessions_revoked", targetId: user.id } })).toMatchObject({
      actorId: user.id,
      data: { email: user.email, reason: "signed_out" },
    });
  });

  it("reactivating an account does not revive cookies issued before its deactivation", async () => {
    const admin = await member("admin");
    const user = await member("viewer");
    const old = await authorizeCredentials({ email: user.email, password: PASSWORD }, headers());
    actAs(admin);
    await setStaffActiveAction(null, form({ staffId: user.id, active: "false" }));
    await setStaffActiveAction(null, form({ staffId: user.id, active: "true" }));
    actAs(user, old.sessionVersion);
    expect(await currentStaff()).toBeNull();
    const fresh = await authorizeCredentials({ email: user.email, password: PASSWORD }, headers());
    actAs(user, fresh.sessionVersion);
    expect(await currentStaff()).toMatchObject({ id: user.id });
  });
});

describe("second factor (TOTP)", () => {
  it("enrols with a QR code, then sign-in asks for the code; codes are single-use; recovery codes work once", async () => {
    const user = await member("hr");
    actAs(user);
    const started = await startSecondFactorAction(null, form({}));
    if (!started.ok) throw new Error(started.error);
    expect(started.data.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const secret = started.data.secret;
    // Stored encrypted: the secret itself is nowhere in the row.
    const pending = await prisma().staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(pending.totpPendingSecret).not.toContain(secret);
    expect(decryptSecret(pending.totpPendingSecret!)).toBe(secret);

    expect(await confirmSecondFactorAction(null, form({ code: "000000" === (await generate({ secret })) ? "111111" : "000000" }))).toMatchObject({
      fieldErrors: { code: ["wrongCode"] },
    });
    const enrolCode = await generate({ secret });
    const confirmed = await confirmSecondFactorAction(null, form({ code: enrolCode }));
    if (!confirmed.ok) throw new Error(confirmed.error);
    const codes = confirmed.data.recoveryCodes;
    expect(codes).toHaveLength(10);
    const stored = await prisma().staffRecoveryCode.findMany({ where: { staffId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);

    // Password alone: asks for the code. A wrong code, or the code already used to enrol: refused.
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD }, headers())).rejects.toBeInstanceOf(SecondFactorRequired);
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: "12345" }, headers())).rejects.toBeInstanceOf(
      InvalidSecondFactor,
    );
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: enrolCode }, headers())).rejects.toBeInstanceOf(
      InvalidSecondFactor,
    );
    // A wrong password with a right code is still a wrong password.
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await expect(authorizeCredentials({ email: user.email, password: "wrong one 42", code: next }, headers())).rejects.toBeInstanceOf(
      InvalidCredentials,
    );
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: next }, headers())).resolves.toMatchObject({ id: user.id });
    // Replay of the same code: refused.
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: next }, headers())).rejects.toBeInstanceOf(InvalidSecondFactor);

    // A recovery code (typed in capitals, with spaces) works once.
    const typed = codes[3].toUpperCase().replace(/-/g, " ");
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: typed }, headers())).resolves.toMatchObject({ id: user.id });
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: codes[3] }, headers())).rejects.toBeInstanceOf(
      InvalidSecondFactor,
    );
    const signIns = await prisma().auditEvent.findMany({ where: { action: "auth.sign_in", targetId: user.id }, orderBy: { createdAt: "asc" } });
    expect(signIns.map((event) => event.data)).toEqual([{ secondFactor: "totp" }, { secondFactor: "recovery_code" }]);

    // New recovery codes replace the old ones (password asked again).
    expect(await newRecoveryCodesAction(null, form({ currentPassword: "wrong" }))).toMatchObject({
      fieldErrors: { currentPassword: ["wrongPassword"] },
    });
    const renewed = await newRecoveryCodesAction(null, form({ currentPassword: PASSWORD }));
    if (!renewed.ok) throw new Error(renewed.error);
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD, code: codes[0] }, headers())).rejects.toBeInstanceOf(
      InvalidSecondFactor,
    );

    // Turning it off needs the password; then the password alone signs in again.
    expect(await disableSecondFactorAction(null, form({ currentPassword: "wrong" }))).toMatchObject({
      fieldErrors: { currentPassword: ["wrongPassword"] },
    });
    expect(await disableSecondFactorAction(null, form({ currentPassword: PASSWORD }))).toEqual({ ok: true, data: null });
    expect(await prisma().staffRecoveryCode.count({ where: { staffId: user.id } })).toBe(0);
    await expect(authorizeCredentials({ email: user.email, password: PASSWORD }, headers())).resolves.toMatchObject({ id: user.id });

    expect(await auditsOf(user.id)).toEqual(
      expect.arrayContaining(["account.second_factor_enabled", "account.recovery_codes_replaced", "account.second_factor_disabled"]),
    );
  });

  it("an admin's reset can also turn a user's second factor off", async () => {
    const admin = await member("admin");
    const user = await member("viewer");
    actAs(user);
    const started = await startSecondFactorAction(null, form({}));
    if (!started.ok) throw new Error(started.error);
    await confirmSecondFactorAction(null, form({ code: await generate({ secret: started.data.secret }) }));
    actAs(admin);
    const reset = await resetStaffPasswordAction(null, form({ staffId: user.id, resetSecondFactor: "on" }));
    if (!reset.ok) throw new Error(reset.error);
    await expect(authorizeCredentials({ email: user.email, password: reset.data.temporaryPassword }, headers())).resolves.toMatchObject({
      id: user.id,
    });
    expect(await prisma().auditEvent.findFirst({ where: { action: "staff.password_reset", targetId: user.id } })).toMatchObject({
      data: { secondFactorReset: true },
    });
  });
});
