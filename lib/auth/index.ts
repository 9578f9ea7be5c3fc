import "server-only";
import { logAuthError } from "./log";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authorizeCredentials } from "./authorize";
import { secureCookiesFor } from "./cookies";
import { applyStaffLocale } from "@/lib/i18n/locale-cookie";

export { SignInRateLimited, signInSchema } from "./authorize";

// Lazy config: the environment is read when a request needs it, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  useSecureCookies: secureCookiesFor(env().APP_URL),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: { error: logAuthError },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize(raw, request) {
        return authorizeCredentials(raw, request.headers);
      },
    }),
  ],
  // The staff member's saved language becomes this browser's at sign-in (lib/i18n/locale-cookie.ts).
  events: { signIn: ({ user }) => applyStaffLocale(user.id) },
  callbacks: {
    session({ session, token }) {
      // Only the id travels in the cookie; role and active flag are read fresh on every request.
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
