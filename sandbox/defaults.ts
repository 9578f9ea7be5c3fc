/**
 * Well-known sandbox credentials. They are deliberately public: the sandbox only ever runs locally or in CI,
 * and `sandbox/main.ts` refuses to start on Vercel.
 */
export const SANDBOX_DEFAULTS = {
  port: 4010,
  token: "sandbox-token",
  apiKey: "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
  otherPartnerToken: "sandbox-other-token",
  otherPartnerApiKey: "0d9f1c2a-3b4e-4f5a-8b6c-7d8e9fa0b1c2",
} as const;
