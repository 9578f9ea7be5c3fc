import "server-only";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { findStaffCredentials } from "@/lib/db/staff";
import { recordAudit } from "@/lib/db/audit";
import { checkLimit, clientAddress, resetLimit } from "@/lib/security/rate-limit";
import { TIMING_DECOY_HASH, verifyPassword } from "./password";
import { demoAccountsAllowed, isDemoAccount } from "./demo-accounts";

export const signInSchema = z.object({
  email: z
    .email("Enter a valid email address.")
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().min(1, "Enter your password.").max(200),
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

/** The credentials check behind Auth.js's `authorize` (lib/auth/index.ts): the signed-in user, or a throw. */
export async function authorizeCredentials(raw: unknown, headers: Headers): Promise<{ id: string; email: string; name: string }> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  // Counted before the password is checked, per address and per account (whether or not it exists),
  // in PostgreSQL so every instance shares the count. Both the form and Auth.js's own callback route
  // come through here.
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
  // The per-account limit counts attempts since the last success: a user who signs in often is
  // never locked out by it, a guesser is.
  await resetLimit("signInAccount", parsed.data.email);
  await recordAudit({ action: "auth.sign_in", actor: staff, targetId: staff.id });
  return { id: staff.id, email: staff.email, name: staff.name };
}
