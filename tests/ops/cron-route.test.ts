// The cron route's access check, calling the handler directly. The sweep itself is tested in sweep.test.ts;
// here it is replaced, so no run of this file touches the shared database.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const CRON_SECRET = "cron-secret-for-tests-0123456789";
const REPORT = { refreshed: 3, expired: 1, abandoned: 0, countersPruned: 2, eventsPruned: 0, auditPruned: 0 };
const runSweep = vi.fn(async () => REPORT);
vi.mock("@/lib/verification/sweep", () => ({ runSweep }));

beforeAll(() => {
  process.env.CRON_SECRET = CRON_SECRET;
});
beforeEach(() => runSweep.mockClear());

async function call(authorization?: string) {
  const { GET } = await import("@/app/api/cron/sweep/route");
  return GET(new Request("http://portal.test/api/cron/sweep", { headers: authorization ? { authorization } : {} }));
}

describe("GET /api/cron/sweep", () => {
  it("answers 401 without Vercel Cron's bearer secret, and does not sweep", async () => {
    for (const header of [
      undefined,
      "Bearer wrong-secret-0123456789",
      CRON_SECRET,
      `Bearer ${CRON_SECRET}x`,
      `Bearer ${CRON_SECRET.slice(0, -1)}`,
      `bearer ${CRON_SECRET}`,
    ]) {
      const response = await call(header);
      expect(response.status, String(header)).toBe(401);
      expect(await response.json()).toEqual({ error: "unauthorized" });
    }
    expect(runSweep).not.toHaveBeenCalled();
  });

  it("runs the sweep for `Authorization: Bearer <CRON_SECRET>` and answers its report", async () => {
    const response = await call(`Bearer ${CRON_SECRET}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual(REPORT);
    expect(runSweep).toHaveBeenCalledTimes(1);
  });
});
