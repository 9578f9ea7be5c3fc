// Every way "Verify" can fail upstream, through the verification domain against the sandbox over HTTP:
// the message the clicking user reads (admin or HR), and what the database holds afterwards (one
// failed session with its reason and a start_failed event; nothing lost, nothing orphaned).
import { beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";
import type { FaultSpec } from "../../sandbox/faults";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { saveReturnUrlRegistration } from "@/lib/db/return-urls";
import { startVerification } from "@/lib/verification/service";
import { createEmployee, createStaff, resumeUpstreamCalls } from "../support/db";

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] }, { EASYFREELANCE_TIMEOUT_MS: "600" });
const control = sandbox.control;
beforeEach(async () => {
  await control.faults.clear();
  // A 429 case pauses every call for its Retry-After, as it should: the next case starts afresh.
  await resumeUpstreamCalls();
});

/** Starts a Veriff verification for a fresh employee whose flow call fails with `fault`. */
async function failWith(fault: FaultSpec, role: "admin" | "hr" = "hr") {
  const [employee, staff] = await Promise.all([createEmployee(), createStaff(role)]);
  await control.faults.add({ endpoint: "flows", userId: employee.efUserId, fault });
  const result = await startVerification({ employeeId: employee.id, provider: "veriff", idType: "local" }, staff);
  if (result.ok) throw new Error("expected the start to fail");
  const sessions = await prisma().verificationSession.findMany({ where: { employeeId: employee.id }, include: { events: true } });
  expect(sessions).toHaveLength(1);
  const [session] = sessions;
  expect(session.status).toBe("failed");
  expect(session.efVerificationId).toBeNull();
  expect(session.verificationUrl).toBeNull();
  expect(session.startedById).toBe(staff.id);
  expect(session.events).toHaveLength(1);
  const [event] = session.events;
  expect(event).toMatchObject({ type: "start_failed", fromStatus: "starting", toStatus: "failed" });
  const data = event.data as Record<string, unknown>;
  expect(data.message).toBe(session.failureReason);
  // Neither the user nor the record ever sees the partner's secrets.
  for (const text of [result.error, session.failureReason ?? "", JSON.stringify(data)]) {
    expect(text).not.toContain(SANDBOX_DEFAULTS.token);
    expect(text).not.toContain(SANDBOX_DEFAULTS.apiKey);
  }
  return { result, session, data, employee };
}

describe("return URL not approved (422 on partner_return_url)", () => {
  it("names the return URL and sends an HR user to an admin, who must register it under Settings", async () => {
    const { result, session, data } = await failWith({ kind: "validation" });
    expect(result.error).toBe(
      "EasyFreelance refused the portal's return URL http://portal.test/return: it has not been registered from this portal's Settings yet. The verification was not started. An administrator must register it under Settings and wait for EasyFreelance's approval; then try Verify again.",
    );
    expect(session.failureReason).toMatch(
      /^EasyFreelance refused the portal's return URL http:\/\/portal\.test\/return: .* An administrator must register it under Settings and wait for EasyFreelance's approval, then start the verification again\.$/,
    );
    expect(data).toMatchObject({
      kind: "return_url_not_approved",
      errorKind: "validation",
      httpStatus: 422,
      fieldErrors: { partner_return_url: ["The partner return url is not an approved return URL."] },
      returnUrl: session.returnUrl,
    });
  });

  it("tells an admin to register it, and says when a registration is still waiting for approval", async () => {
    const staff = await createStaff("admin");
    await saveReturnUrlRegistration({
      upstreamId: `reg-${Date.now()}`,
      requestedUrl: "http://portal.test/return",
      status: "pending",
      requestedAt: new Date("2026-11-20T10:00:00Z"),
      staffId: staff.id,
    });
    const { result } = await failWith({ kind: "validation" }, "admin");
    expect(result.error).toBe(
      `EasyFreelance refused the portal's return URL http://portal.test/return: it was registered on 2026-11-20 and is still waiting for EasyFreelance's approval (status "pending"). The verification was not started. Register it under Settings and wait for EasyFreelance's approval, then try Verify again.`,
    );
  });
});

describe("credentials rejected", () => {
  it("HR is told the credentials were rejected and to contact an admin", async () => {
    const { result, data } = await failWith({ kind: "unauthorized" });
    expect(result.error).toBe(
      "EasyFreelance rejected the portal's API credentials (HTTP 401). The verification was not started. Contact an administrator: they must check the portal's EasyFreelance token and API key.",
    );
    expect(data).toMatchObject({ kind: "unauthorized", httpStatus: 401 });
  });

  it("an admin is told which settings to check, and about the Settings check", async () => {
    const { result, session } = await failWith({ kind: "unauthorized" }, "admin");
    expect(result.error).toMatch(
      /Check EASYFREELANCE_TOKEN and EASYFREELANCE_API_KEY in the portal's configuration, then use Check credentials under Settings\.$/,
    );
    expect(session.failureReason).toMatch(/An administrator must check the portal's EasyFreelance token and API key\.$/);
  });

  it("a 302 to a login page is explained as rejected credentials too", async () => {
    const { result, data } = await failWith({ kind: "unauthorized", status: 302 }, "admin");
    expect(result.error).toMatch(
      /^EasyFreelance answered with a redirect instead of JSON \(HTTP 302\), which means it rejected the portal's API credentials\./,
    );
    expect(result.error).toContain("EASYFREELANCE_BASE_URL");
    expect(data.httpStatus).toBe(302);
  });
});

describe("other failures", () => {
  it("rate limited: when to try again", async () => {
    const { result, data } = await failWith({ kind: "rate_limited", retryAfterSeconds: 42 });
    expect(result.error).toBe("EasyFreelance is limiting requests (HTTP 429). The verification was not started. Try again in 42 seconds.");
    expect(result.retryAfterSeconds).toBe(42);
    expect(data).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 42 });
  });

  it("upstream 500 and a 502 HTML page", async () => {
    const { result } = await failWith({ kind: "server_error" });
    expect(result.error).toBe(
      "The verification was not started: EasyFreelance had a problem on its side (HTTP 500). Try again in a few minutes; if it keeps happening, contact EasyFreelance support.",
    );
    const html = await failWith({ kind: "html" });
    expect(html.result.error).toMatch(/HTTP 502/);
    expect(html.result.error).not.toMatch(/</);
    expect(html.data).toMatchObject({ kind: "upstream", httpStatus: 502 });
  });

  it("timeout: nobody knows whether a session was made; no link was given out", async () => {
    const { result, data } = await failWith({ kind: "timeout" });
    expect(result.error).toBe(
      "EasyFreelance did not answer within 0.6 s, so it is not known whether it started a verification; no link was given out. Try Verify again in a minute (an unused session simply expires). If it keeps happening, EasyFreelance may be down.",
    );
    expect(data.kind).toBe("timeout");
  });

  it("network reset, malformed answer, forbidden and not found", async () => {
    expect((await failWith({ kind: "reset" })).result.error).toMatch(/^The portal could not reach EasyFreelance or lost the connection/);
    expect((await failWith({ kind: "malformed" })).result.error).toMatch(/could not read, so no verification link was given out/);
    const forbidden = await failWith({ kind: "forbidden" });
    expect(forbidden.result.error).toContain(`its user ${forbidden.employee.efUserId}`);
    const missing = await failWith({ kind: "not_found" });
    expect(missing.result.error).toBe(
      `EasyFreelance has no user with id ${missing.employee.efUserId} (HTTP 404). The verification was not started. Use Relink on the employee's page to link them again by their email, then try Verify again.`,
    );
  });

  it("after the fault is gone, the next Verify starts a session and the failed one stays in the history", async () => {
    const { employee } = await failWith({ kind: "server_error" });
    await control.faults.clear();
    const staff = await createStaff("hr");
    const result = await startVerification({ employeeId: employee.id, provider: "bankid" }, staff);
    expect(result.ok).toBe(true);
    const statuses = await prisma().verificationSession.findMany({
      where: { employeeId: employee.id },
      orderBy: { createdAt: "asc" },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["failed", "pending"]);
  });
});
