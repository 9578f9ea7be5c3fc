// Pages read the signed-in user through Auth.js's `auth()`, server actions through `readSessionCookie()`;
// both need a Next.js request. Tests replace only those two (see the vi.mock in each file) with ones that
// return the same session for a real staff row (tests/auth/session-cookie.test.ts reads real cookies); everything after it — the database re-read of role, active flag and session version,
// staffAction's role and input checks, the handler — is the product code. `sessionVersion` is the version
// the cookie was issued under (a new staff row has 0); set it to act as a cookie from a later sign-in.
export const signedIn: { id: string | null; sessionVersion?: number } = { id: null };

export function authMock() {
  return {
    auth: async () =>
      signedIn.id
        ? { user: { id: signedIn.id, sessionVersion: signedIn.sessionVersion ?? 0 }, expires: new Date(Date.now() + 3_600_000).toISOString() }
        : null,
    readSessionCookie: async () => (signedIn.id ? { id: signedIn.id, sessionVersion: signedIn.sessionVersion ?? 0 } : null),
    signIn: async () => undefined,
    signOut: async () => undefined,
    handlers: {},
  };
}

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}
