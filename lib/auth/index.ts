import "server-only";
import { logAuthError } from "./log";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authorizeCredentials } from "./authorize";
import { secureCookiesFor } from "./cookies";
import { PasswordSignInOff, passwordSignInEnabled, ssoProviders, ssoSignInCallback } from "./sso";
import { applyStaffLocale } from "@/lib/i18n/locale-cookie";

// Server actions' session check (a module of its own: tests read real cookies with it, without Auth.js's Next.js side).
export { readSessionCookie, type CookieSession } from "./session-cookie";
export { SignInRateLimited, SecondFactorRequired, InvalidSecondFactor, TemporaryPasswordExpired, signInSchema } from "./authorize";

// Lazy config: the environment is read when a request needs it, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secureCookiesFor(env().APP_URL),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  // Auth.js's own failures (e.g. a cancelled SSO sign-in) land on the login page as ?error=…, not its own error page.
  pages: { signIn: "/login", error: "/login" },
  logger: { error: logAuthError },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      authorize(raw, request) {
        if (!passwordSignInEnabled()) throw new PasswordSignInOff();
        return authorizeCredentials(raw, request.headers);
      },
    }),
    ...ssoProviders(),
  ],
  // The staff member's saved language becomes this browser's at sign-in (lib/i18n/locale-cookie.ts).
  events: { signIn: ({ user }) => applyStaffLocale(user.id) },
  callbacks: {
    signIn: ssoSignInCallback,
    jwt({ token, user }) {
      // At sign-in: the staff row's session version, which lib/auth/session.ts compares with the row's on
      // every request (a sign-out, password change, reset or deactivation bumps it and ends this cookie).
      if (user) token.sv = user.sessionVersion;
      return token;
    },
    session({ session, token }) {
      // Only the id and the session version travel in the cookie; role and active flag are read fresh on every request.
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sv === "number") session.user.sessionVersion = token.sv;
      return session;
    },
  },
}));
