// The HR list's live statuses (POST /api/employees/statuses) say when the soonest of their sessions is next
// checked with EasyFreelance, so the list asks right after it (as the employee's page does with /api/status).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { startVerification } from "@/lib/verification/service";
import { recordReturn } from "@/lib/verification/status-refresh";
import { createEmployee, createStaff, resumeUpstreamCalls } from "../support/db";
import { signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
const { POST } = await import("@/app/api/employees/statuses/route");

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] });
const APP = "http://portal.test"; // APP_URL in tests/support/setup-env.ts

beforeEach(async () => {
  await sandbox.control.faults.clear();
  await resumeUpstreamCalls();
});

async function pendingReference() {
  const result = await startVerification({ employeeId: (await createEmployee()).id, provider: "bankid" }, await createStaff());
  if (!result.ok) throw new Error(result.error);
  return result.session.reference;
}

async function liveStatuses(references: string[]) {
  const response = await POST(
    new Request(`${APP}/api/employees/statuses`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ references }),
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { statuses: Record<string, { status: string }>; checkInMs: number | null };
}

describe("the HR list's live statuses", () => {
  it("say when the soonest session is next checked, and nothing when none is planned", async () => {
    signedIn.id = (await createStaff("viewer")).id;
    const [waiting, returned] = [await pendingReference(), await pendingReference()];
    // Neither employee is back from EasyFreelance: only the sweep will look.
    expect((await liveStatuses([waiting, returned])).checkInMs).toBeNull();
    await recordReturn(returned, new URLSearchParams());
    // Back just now: the first check is STATUS_REFRESH_SECONDS (1 s in the tests) after the return.
    const answer = await liveStatuses([waiting, returned]);
    expect(answer.statuses[returned].status).toBe("pending");
    expect(answer.checkInMs).toBeGreaterThan(0);
    expect(answer.checkInMs).toBeLessThanOrEqual(1_000);
    expect((await liveStatuses([waiting])).checkInMs).toBeNull();
  });
});
