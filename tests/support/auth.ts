// Server actions read the signed-in user through Auth.js's `auth()`, which needs a Next.js request.
// Tests replace only that function (see the vi.mock in each file) with one that returns a session for a
// real staff row; everything after it — the database re-read of role, active flag and session version,
// staffAction's role and input checks, the handler — is the product code. `sessionVersion` is the version
// the cookie was issued under (a new staff row has 0); set it to act as a cookie from a later sign-in.
export const signedIn: { id: string | null; sessionVersion?: number } = { id: null };

export function authMock() {
  return {
    auth: async () =>
      signedIn.id
        ? { user: { id: signedIn.id, sessionVersion: signedIn.sessionVersion ?? 0 }, expires: new Date(Date.now() + 3_600_000).toISOString() }
        : null,
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
