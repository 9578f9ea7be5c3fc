// Runs before every test file: the portal's configuration for tests. Each file gets its own module
// graph, so a file may still override EASYFREELANCE_* (e.g. with a sandbox it starts) before first use.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET = "test-auth-secret-that-is-long-enough-0123456789";
process.env.APP_URL = "http://portal.test";
process.env.EASYFREELANCE_BASE_URL ??= "http://127.0.0.1:9/api/v1";
process.env.EASYFREELANCE_TOKEN ??= "test-token-not-a-secret";
process.env.EASYFREELANCE_API_KEY ??= "5b0c8f3e-7d1a-4c2e-9f4b-2a6d8e1c3b70";
process.env.STATUS_REFRESH_SECONDS = "1";
// Test files share one database, so one budget row: roomy enough that they never hold each other up. The
// budget's own tests use budgets of their own (tests/verification/upstream-budget.test.ts).
process.env.EASYFREELANCE_RATE_LIMIT = "100000/60";
