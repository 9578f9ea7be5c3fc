import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { findStaffCredentials } from "@/lib/db/staff";
import { claimTotpStep, upgradePasswordHash, spendRecoveryCode } from "@/lib/db/accounts";
import { recordAudit } from "@/lib/db/audit";
import { checkLimit, clientAddress, resetLimit } from "@/lib/security/rate-limit";
import { TIMING_DECOY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
import { decryptSecret, hashRecoveryCode, looksLikeRecoveryCode, verifyTotp } from "./totp";
import { demoAccountsAllowed, isDemoAccount } from "./demo-accounts";

export const signInSchema = z.object({
  // Messages are keys of the `signIn` catalogue namespace (errors.*): the form translates them.
  email: z
    .email("invalidEmail")
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().min(1, "enterPassword").max(200),
  // The second step: a code from the authenticator app, or a recovery code. Absent on the first step.
  code: z
    .string()
    .max(40)
    .optional()
    .transform((value) => value?.trim() || undefined),
});

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(public retryAfterSeconds: number) {
    super();
  }
}

/** The password was right and the account has a second factor: ask for the code. */
export class SecondFactorRequired extends CredentialsSignin {
  code = "second_factor_required";
}

export class InvalidSecondFactor extends CredentialsSignin {
  code = "invalid_second_factor";
}

/** The right temporary password (created or reset by an admin), past its expiry. */
export class TemporaryPasswordExpired extends CredentialsSignin {
  code = "temporary_password_expired";
}

type Credentials = NonNullable<Awaited<ReturnType<typeof findStaffCredentials>>>;

/** A TOTP code (each 30 s step once) or an unused recovery code (once). */
async function secondFactorMethod(staff: Credentials, code: string): Promise<"totp" | "recovery_code" | null> {
  if (looksLikeRecoveryCode(code)) return (await spendRecoveryCode(staff.id, hashRecoveryCode(code))) ? "recovery_code" : null;
  const secret = staff.totpSecret ? decryptSecret(staff.totpSecret) : null;
  if (!secret) return null;
  const step = await verifyTotp(secret, code, staff.totpLastStep);
  return step !== null && (await claimTotpStep(staff.id, step)) ? "totp" : null;
}

/** The credentials check behind Auth.js's `authorize` (lib/auth/index.ts): the signed-in user, or a throw. */
export async function authorizeCredentials(
  raw: unknown,
  headers: Headers,
): Promise<{ id: string; email: string; name: string; sessionVersion: number }> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  // Counted before the password is checked, per address and per account (whether or not it exists),
  // in PostgreSQL so every instance shares the count. Both the form and Auth.js's own callback route
  // come through here; so does each second-factor attempt, which the same limits bound.
  const [byAddress, byAccount] = await Promise.all([
    checkLimit("signInAddress", clientAddress(headers)),
    checkLimit("signInAccount", parsed.data.email),
  ]);
  if (!byAddress.allowed || !byAccount.allowed) {
    const staff = await findStaffCredentials(parsed.data.email);
    if (staff) await recordAudit({ action: "auth.sign_in_limited", actor: null, targetId: staff.id, data: { email: staff.email } });
    throw new SignInRateLimited(Math.max(byAddress.allowed ? 0 : byAddress.retryAfterSeconds, byAccount.allowed ? 0 : byAccount.retryAfterSeconds));
  }
  // A demo account (public password) never opens a production build: it is treated as unknown, after the
  // same password check, so the answer and its timing say nothing more (see lib/auth/demo-accounts.ts).
  const refusedDemo = isDemoAccount(parsed.data.email) && !demoAccountsAllowed();
  const staff = refusedDemo ? null : await findStaffCredentials(parsed.data.email);
  const valid = await verifyPassword(parsed.data.password, staff?.passwordHash ?? TIMING_DECOY_HASH);
  if (!staff || !valid) {
    // Only attempts on a real account are audited: a typed-in "email" may be anything, even a password.
    if (staff) await recordAudit({ action: "auth.sign_in_failed", actor: null, targetId: staff.id, data: { email: staff.email } });
    throw new InvalidCredentials();
  }
  if (staff.passwordExpiresAt && staff.passwordExpiresAt <= new Date()) {
    await recordAudit({
      action: "auth.sign_in_failed",
      actor: null,
      targetId: staff.id,
      data: { email: staff.email, reason: "temporary_password_expired" },
    });
    throw new TemporaryPasswordExpired();
  }
  let secondFactor: "totp" | "recovery_code" | undefined;
  if (staff.totpSecret) {
    if (!parsed.data.code) throw new SecondFactorRequired();
    const method = await secondFactorMethod(staff, parsed.data.code);
    if (!method) {
      await recordAudit({ action: "auth.sign_in_failed", actor: null, targetId: staff.id, data: { email: staff.email, reason: "second_factor" } });
      throw new InvalidSecondFactor();
    }
    secondFactor = method;
  }
  // A bcrypt hash (or one with older scrypt parameters) is replaced now that the password is known.
  if (staff.passwordHash && needsRehash(staff.passwordHash))
    await upgradePasswordHash(staff.id, staff.passwordHash, await hashPassword(parsed.data.password));
  // The per-account limit counts attempts since the last success: a user who signs in often is
  // never locked out by it, a guesser is.
  await resetLimit("signInAccount", parsed.data.email);
  await recordAudit({ action: "auth.sign_in", actor: staff, targetId: staff.id, ...(secondFactor ? { data: { secondFactor } } : {}) });
  return { id: staff.id, email: staff.email, name: staff.name, sessionVersion: staff.sessionVersion };
}
