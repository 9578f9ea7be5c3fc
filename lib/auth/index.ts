import "server-only";
import { logAuthError } from "./log";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authorizeCredentials } from "./authorize";
import { secureCookiesFor } from "./cookies";
import { PasswordSignInOff, passwordSignInEnabled, ssoProviders, ssoSignInCallback } from "./sso";

export { SignInRateLimited, signInSchema } from "./authorize";

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
      credentials: { email: {}, password: {} },
      authorize(raw, request) {
        if (!passwordSignInEnabled()) throw new PasswordSignInOff();
        return authorizeCredentials(raw, request.headers);
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    signIn: ssoSignInCallback,
    session({ session, token }) {
      // Only the id travels in the cookie; role and active flag are read fresh on every request.
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
