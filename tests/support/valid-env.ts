/** A complete, valid production configuration (fake values) for the configuration tests. */
export const VALID_ENV = {
  DATABASE_URL: "postgresql://u:p@db.example.com:5432/portal",
  AUTH_SECRET: "a".repeat(40),
  APP_URL: "https://portal.example.com",
  EASYFREELANCE_BASE_URL: "https://app.easyfreelance.no/api/v1",
  EASYFREELANCE_TOKEN: "42|super-secret-token-value",
  EASYFREELANCE_API_KEY: "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70",
};
