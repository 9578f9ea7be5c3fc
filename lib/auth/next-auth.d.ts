// What the portal adds to Auth.js's types: the staff row's session version, in the user returned by
// `authorize`, the JWT (`sv`) and the session (lib/auth/index.ts, lib/auth/session.ts).
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; sessionVersion?: number; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
  }
}
