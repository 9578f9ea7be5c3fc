// The demo accounts (`@demo.test`, seeded by `npm run dev`, the e2e stack and the benchmarks; their password is
// public in the README) must never open a production deployment. A production build (NODE_ENV=production)
// refuses them at sign-in unless ALLOW_DEMO_ACCOUNTS=1, which only the stacks of scripts/lib/stack.ts set
// (the e2e suite and the benchmarks run `next start`, a production build, and sign in as admin@demo.test).
//
// Read straight from process.env, at call time, rather than through lib/env.ts: this flag is a test and
// rehearsal switch, not deployment configuration, and it is read only here. (If lib/env.ts gains it, read
// it from there instead.)

export const DEMO_EMAIL_DOMAIN = "@demo.test";

export function isDemoAccount(email: string): boolean {
  return email.toLowerCase().endsWith(DEMO_EMAIL_DOMAIN);
}

export function demoAccountsAllowed(source: Record<string, string | undefined> = process.env): boolean {
  return source.NODE_ENV !== "production" || source.ALLOW_DEMO_ACCOUNTS === "1";
}
