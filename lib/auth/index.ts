import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { findStaffCredentials } from "@/lib/db/staff";
import { recordAudit } from "@/lib/db/audit";
import { checkLimit, clientAddress, resetLimit } from "@/lib/security/rate-limit";
import { TIMING_DECOY_HASH, verifyPassword } from "./password";
import { secureCookiesFor } from "./cookies";

export const signInSchema = z.object({
  email: z
    .email("Enter a valid email address.")
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().min(1, "Enter your password.").max(200),
});

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
  constructor(public retryAfterSeconds: number) {
    super();
  }
}

// Lazy config: the environment is read when a request needs it, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secureCookiesFor(env().APP_URL),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an expected outcome, not an error with a stack trace (and never log who tried).
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        // Counted before the password is checked, per address and per account (whether or not it exists),
        // in PostgreSQL so every instance shares the count. Both the form and Auth.js's own callback route
        // come through here.
        const [byAddress, byAccount] = await Promise.all([
          checkLimit("signInAddress", clientAddress(request.headers)),
          checkLimit("signInAccount", parsed.data.email),
        ]);
        if (!byAddress.allowed || !byAccount.allowed) {
          const staff = await findStaffCredentials(parsed.data.email);
          if (staff) await recordAudit({ action: "auth.sign_in_limited", actor: null, targetId: staff.id, data: { email: staff.email } });
          throw new SignInRateLimited(
            Math.max(byAddress.allowed ? 0 : byAddress.retryAfterSeconds, byAccount.allowed ? 0 : byAccount.retryAfterSeconds),
          );
        }
        const staff = await findStaffCredentials(parsed.data.email);
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
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      // Only the id travels in the cookie; role and active flag are read fresh on every request.
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
