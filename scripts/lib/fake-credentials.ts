// Known fake EasyFreelance credentials for the end-to-end stack: distinctive enough that the secrets test
// (e2e/secrets.spec.ts) can prove they appear nowhere a browser or a log reader could see them.
export const FAKE_EASYFREELANCE = {
  token: "e2e-fake-sanctum-token-4f7Qz9LmX2vR8kTb",
  apiKey: "7e3a9c41-5d2b-4f8e-a6c0-9b1d2e3f4a5b",
} as const;

export const E2E_AUTH_SECRET = "e2e-auth-secret-0123456789-abcdefghijklmnop";
