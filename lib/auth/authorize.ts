import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { findStaffCredentials } from "@/lib/db/staff";
import { claimTotpStep, upgradePasswordHash, spendRecoveryCode } from "@/lib/db/accounts";
import { recordAudit } from "@/lib/db/audit";
import { checkLimit, clientAddress, firstRefusal, resetLimit } from "@/lib/security/rate-limit";
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

// Past the per-account limit: 0.5 s for the first attempt over, doubling, at most 8 s. Enough to make guessing
// one account from many addresses slow; short enough that its owner still gets in.
export function slowdownMs(over: number): number {
  return over <= 0 ? 0 : Math.min(500 * 2 ** (over - 1), 8000);
}
const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

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
  // Counted before the password is checked, in PostgreSQL so every instance shares the count; both the form
  // and Auth.js's own callback route come through here. Strict limits per address and per (account,
  // address): a guesser is stopped without locking the account's owner out, who signs in from elsewhere.
  // Each second-factor attempt comes through here too, bounded by the same limits.
  // Per account (whatever the address) attempts past the limit are slowed down, never refused.
  const address = clientAddress(headers);
  const [byAddress, byAccountAddress] = await Promise.all([
    checkLimit("signInAddress", address),
    checkLimit("signInAccountAddress", `${parsed.data.email} ${address}`),
  ]);
  if (!byAddress.allowed || !byAccountAddress.allowed) {
    // A refused attempt costs a password check like any other, so its timing does not say whether the email
    // is a staff account; it is audited once per window (the first refusal), not once per attempt.
    await verifyPassword(parsed.data.password, TIMING_DECOY_HASH);
    if (firstRefusal(byAccountAddress) || (!byAddress.allowed && firstRefusal(byAddress))) {
      const staff = await findStaffCredentials(parsed.data.email);
      if (staff) await recordAudit({ action: "auth.sign_in_limited", actor: null, targetId: staff.id, data: { email: staff.email } });
    }
    const waits = [byAddress, byAccountAddress].filter((result) => !result.allowed).map((result) => result.retryAfterSeconds);
    throw new SignInRateLimited(Math.max(...waits));
  }
  // Only attempts that were let through count here, so refused ones cannot slow the owner down further.
  const byAccount = await checkLimit("signInAccount", parsed.data.email);
  await sleep(slowdownMs(byAccount.count - byAccount.limit));
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
  // The account's counters count attempts since the last success: a user who signs in often is never
  // slowed down by them, a guesser is.
  await Promise.all([resetLimit("signInAccount", parsed.data.email), resetLimit("signInAccountAddress", `${parsed.data.email} ${address}`)]);
  await recordAudit({ action: "auth.sign_in", actor: staff, targetId: staff.id, ...(secondFactor ? { data: { secondFactor } } : {}) });
  return { id: staff.id, email: staff.email, name: staff.name, sessionVersion: staff.sessionVersion };
}
