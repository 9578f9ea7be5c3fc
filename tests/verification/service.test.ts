// The verification domain against a real database and the EasyFreelance sandbox over HTTP.
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { findSessionByReference } from "@/lib/db/sessions";
import { startVerification } from "@/lib/verification/service";
import { awaitsOnboarding, getPublicStatus, publicStatus, recordReturn, refreshSession } from "@/lib/verification/status-refresh";
import { toPublicStatus } from "@/lib/verification/public-status";
import { getVerifyDialogState } from "@/lib/verification/dialog-state";
import { GET as returnRoute } from "@/app/return/[reference]/route";
import { GET as statusRoute } from "@/app/api/status/[reference]/route";
import { createEmployee, createStaff, resumeUpstreamCalls } from "../support/db";

const sandbox = sandboxForThisFile({ approvedReturnUrls: ["http://portal.test/return"] });
const control = sandbox.control;
const upstreamCalls = (endpoint: string) => control.requests.count(endpoint);

/** The employee finishes the provider flow on the sandbox's hosted page. */
async function completeFlow(verificationUrl: string, outcome: "approve" | "decline" | "cancel") {
  const response = await fetch(verificationUrl, {
    method: "POST",
    body: new URLSearchParams({ outcome }),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

beforeEach(async () => {
  await control.faults.clear();
  await control.requests.clear();
  await resumeUpstreamCalls();
});

/** The employee came back through the return URL just now (return-driven refresh asks only after that). */
async function returnedNow(reference: string) {
  await recordReturn(reference, new URLSearchParams());
  return (await findSessionByReference(reference))!;
}

async function start(provider: "veriff" | "bankid" = "veriff") {
  const [employee, staff] = await Promise.all([createEmployee(), createStaff()]);
  const input =
    provider === "veriff" ? ({ employeeId: employee.id, provider, idType: "local" } as const) : ({ employeeId: employee.id, provider } as const);
  return { employee, staff, input, result: await startVerification(input, staff) };
}

describe("starting a verification", () => {
  it("stores a pending session with the upstream id, link and expiry, and who started it", async () => {
    const { result, staff } = await start();
    if (!result.ok) throw new Error(result.error);
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: result.session.id } });
    expect(row.status).toBe("pending");
    expect(row.efVerificationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.verificationUrl).toBe(`${sandbox.url}/verify/${row.efVerificationId}`);
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(row.returnUrl).toBe(`http://portal.test/return/${row.reference}`);
    expect(row.reference).not.toContain(row.efVerificationId!);
    expect(row.startedById).toBe(staff.id);
    expect(row.idType).toBe("local");
  });

  it("reuses an open session for the same provider instead of starting another upstream", async () => {
    const { result, input, staff } = await start("bankid");
    const again = await startVerification(input, staff);
    expect(again.ok && again.reused).toBe(true);
    expect(again.ok && result.ok && again.session.id === result.session.id).toBe(true);
    expect(await upstreamCalls("flows")).toBe(1);
  });

  it("keeps a failed attempt visible and never retries the flow POST", async () => {
    await control.faults.add({ endpoint: "flows", fault: { kind: "server_error" } });
    const { result, employee } = await start();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/EasyFreelance/);
    const rows = await prisma().verificationSession.findMany({ where: { employeeId: employee.id }, include: { events: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("failed");
    expect(rows[0].failureReason).toBe(result.error);
    expect(rows[0].events.map((event) => event.type)).toEqual(["start_failed"]);
    expect(await upstreamCalls("flows")).toBe(1);
  });
  it("tells the person who clicked in their language, and stores the reason in English", async () => {
    await control.faults.add({ endpoint: "flows", fault: { kind: "server_error" } });
    const [employee, staff] = await Promise.all([createEmployee(), createStaff()]);
    const result = await startVerification({ employeeId: employee.id, provider: "bankid", locale: "nb" }, staff);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const row = await prisma().verificationSession.findFirstOrThrow({ where: { employeeId: employee.id } });
    expect(row.failureReason).toMatch(/EasyFreelance/);
    expect(result.error).not.toBe(row.failureReason);
    // The whole message, the EasyFreelance client's sentence included, is Norwegian.
    expect(result.error).toBe(
      "Bekreftelsen ble ikke startet: EasyFreelance har en feil på sin side (HTTP 500). Prøv igjen om noen minutter. Skjer det flere ganger, ta kontakt med EasyFreelance kundestøtte.",
    );
    expect(row.failureReason).toMatch(/EasyFreelance had a problem on its side \(HTTP 500\)/);
  });
});

describe("refreshing a session", () => {
  it("asks the status endpoint only after the employee's return, then takes its result", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const back = await completeFlow(result.session.verificationUrl!, "approve");
    await control.requests.clear();

    // No return recorded: the employee is still inside EasyFreelance as far as the portal knows, so however
    // late, nothing is asked (the sweep looks now and then).
    expect((await refreshSession(result.session)).status).toBe("pending");
    expect((await refreshSession(result.session, new Date(Date.now() + 600_000))).status).toBe("pending");
    expect(await upstreamCalls("status")).toBe(0);

    await recordReturn(result.session.reference, back.searchParams);
    const returned = (await findSessionByReference(result.session.reference))!;
    // Within STATUS_REFRESH_SECONDS (1 s) of the return: not yet.
    expect((await refreshSession(returned)).status).toBe("pending");
    expect(await upstreamCalls("status")).toBe(0);
    const later = new Date(Date.now() + 5_000);
    const refreshed = await refreshSession(returned, later);
    expect(refreshed.status).toBe("approved");
    expect(await upstreamCalls("status")).toBe(1);
    const row = await prisma().verificationSession.findUniqueOrThrow({ where: { id: result.session.id } });
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(row.nextAction).toBe("redirect_to_partner");
    expect(row.onboarding).toMatchObject({ idVerified: true });

    // Final: no more upstream calls.
    await refreshSession(refreshed, new Date(Date.now() + 60_000));
    expect(await upstreamCalls("status")).toBe(1);
  });

  it("tells the page when the next check is due, counting a failed check as one", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const returned = await returnedNow(result.session.reference);
    const returnedAt = returned.lastReturnedAt!.getTime();
    // STATUS_REFRESH_SECONDS is 1 in the tests: the first check is due 1 s after the return.
    expect(publicStatus(returned, new Date(returnedAt + 300)).checkInMs).toBe(700);
    await control.faults.add({ endpoint: "status", times: 1, fault: { kind: "unauthorized" } });
    const failedAt = new Date(returnedAt + 1_000);
    const failed = await refreshSession(returned, failedAt);
    expect(await upstreamCalls("status")).toBe(1);
    // The failed check was made 1 s after the return: the next is 1 s after it, and the page is told so.
    expect(publicStatus(failed, failedAt).checkInMs).toBe(1_000);
    expect(publicStatus((await findSessionByReference(result.session.reference))!, failedAt).checkInMs).toBe(1_000);
  });

  it("a 429 pauses every call until its Retry-After, and keeps the status", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const returned = await returnedNow(result.session.reference);
    await control.faults.add({ endpoint: "status", fault: { kind: "rate_limited", retryAfterSeconds: 60 } });
    const now = new Date(Date.now() + 5_000);
    expect((await refreshSession(returned, now)).status).toBe("pending");
    await control.faults.clear();
    // Due again, and EasyFreelance would answer now, but its Retry-After has not passed: nothing is sent.
    await refreshSession((await findSessionByReference(result.session.reference))!, new Date(now.getTime() + 30_000));
    expect(await upstreamCalls("status")).toBe(1);
    // Neither is HR's click (a start): it is refused with the time to wait, and never reaches EasyFreelance.
    const flowsBefore = await upstreamCalls("flows");
    const other = await startVerification({ employeeId: (await createEmployee()).id, provider: "bankid" }, await createStaff());
    expect(other).toMatchObject({ ok: false, error: expect.stringMatching(/try again in \d+ seconds/i) });
    expect(await upstreamCalls("flows")).toBe(flowsBefore);
  });
});

describe("HR looking at an open session", () => {
  it("the Verify dialog asks EasyFreelance now, whether or not the employee came back", async () => {
    const { result, employee } = await start("bankid");
    if (!result.ok) throw new Error(result.error);
    // The employee cancels and closes the tab: no return is ever recorded.
    await completeFlow(result.session.verificationUrl!, "cancel");
    await control.requests.clear();
    const state = await getVerifyDialogState(employee.id, "en", new Date(Date.now() + 2_000));
    expect(state?.open).toBeNull();
    expect(state?.lastAttempt?.status).toBe("cancelled");
    expect(await upstreamCalls("status")).toBe(1);
  });
});

describe("following onboarding after an approval", () => {
  it("asks EasyFreelance again, once per interval, until the steps left are done; then never again", async () => {
    const { result, employee } = await start();
    if (!result.ok) throw new Error(result.error);
    await control.updateUser(employee.efUserId, { terms: false, profile: true });
    await completeFlow(result.session.verificationUrl!, "approve");
    let now = Date.now() + 5_000;
    const approved = await refreshSession(await returnedNow(result.session.reference), new Date(now));
    expect(approved.status).toBe("approved");
    expect(awaitsOnboarding(approved)).toBe(true);
    expect(publicStatus(approved, new Date(now))).toEqual({
      status: "approved",
      final: true,
      provider: "veriff",
      onboarding: { complete: false, missingSteps: ["terms"] },
      checkInMs: expect.any(Number),
    });
    // The page is told when the next check is due: about 5 s (the gap since the approval) after this one.
    expect(publicStatus(approved, new Date(now)).checkInMs).toBeGreaterThan(4_500);
    expect(publicStatus(approved, new Date(now)).checkInMs).toBeLessThanOrEqual(5_000);
    await control.requests.clear();

    // Checked 5 s after the approval: the next check is 5 s later (the gap doubles); before it, the row answers.
    await refreshSession(approved, new Date(now + 200));
    expect(await upstreamCalls("status")).toBe(0);
    // Due: one call, however many ask.
    now += 5_000;
    await Promise.all(Array.from({ length: 5 }, () => refreshSession(approved, new Date(now))));
    expect(await upstreamCalls("status")).toBe(1);

    // The employee accepts the terms in EasyFreelance.
    await control.updateUser(employee.efUserId, { terms: true });
    now += 20_000;
    const done = await refreshSession((await findSessionByReference(result.session.reference))!, new Date(now));
    expect(done.status).toBe("approved");
    expect(toPublicStatus(done).onboarding).toEqual({ complete: true, missingSteps: [] });
    expect(awaitsOnboarding(done)).toBe(false);
    expect(await upstreamCalls("status")).toBe(2);
    await refreshSession(done, new Date(now + 60_000));
    expect(await upstreamCalls("status")).toBe(2);
    // No status change was recorded for any of it: the approval is the only one.
    const changes = await prisma().sessionEvent.findMany({ where: { sessionId: result.session.id, type: "status_changed" } });
    expect(changes.map((event) => event.toStatus)).toEqual(["approved"]);
  });
});

describe("refreshing under load and at expiry", () => {
  it("makes one upstream call per due check however many pollers ask at once", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const returned = await returnedNow(result.session.reference);
    await control.requests.clear();
    const due = new Date(Date.now() + 5_000);
    // 30 concurrent pollers over the whole connection pool, as many instances would be.
    const answers = await Promise.all(Array.from({ length: 30 }, () => refreshSession(returned, due)));
    expect(answers.every((answer) => answer.status === "pending")).toBe(true);
    expect(await upstreamCalls("status")).toBe(1);
    // Before the next check is due (5 s after that one): nobody asks again; once it is, exactly one does.
    const checked = (await findSessionByReference(result.session.reference))!;
    await Promise.all(Array.from({ length: 10 }, () => refreshSession(checked, new Date(due.getTime() + 1_000))));
    expect(await upstreamCalls("status")).toBe(1);
    const next = new Date(due.getTime() + 60_000);
    await Promise.all(Array.from({ length: 10 }, () => refreshSession(checked, next)));
    expect(await upstreamCalls("status")).toBe(2);
  });

  it("answers a not-due session from the row alone, without claiming", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const before = await prisma().verificationSession.findUniqueOrThrow({ where: { id: result.session.id } });
    await refreshSession(result.session, new Date(Date.now() + 500));
    const after = await prisma().verificationSession.findUniqueOrThrow({ where: { id: result.session.id } });
    expect(after.lastCheckedAt).toEqual(before.lastCheckedAt);
    expect(await upstreamCalls("status")).toBe(0);
  });

  it("checks a session past expires_at once more, then treats it as expired", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    await prisma().verificationSession.update({ where: { id: result.session.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const session = await returnedNow(result.session.reference);
    await control.requests.clear();
    const later = new Date(Date.now() + 5_000);
    const expired = await refreshSession(session, later);
    expect(expired.status).toBe("expired");
    expect(await upstreamCalls("status")).toBe(1);
    const events = await prisma().sessionEvent.findMany({ where: { sessionId: session.id, type: "status_changed" } });
    expect(events.map((event) => [event.toStatus, (event.data as { source: string }).source])).toEqual([["expired", "portal_expiry"]]);
    // Final now: never asked again.
    await refreshSession(expired, new Date(later.getTime() + 60_000));
    expect(await upstreamCalls("status")).toBe(1);
  });

  it("keeps a session past expires_at that EasyFreelance approved in its last answer as approved", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    await completeFlow(result.session.verificationUrl!, "approve");
    await prisma().verificationSession.update({ where: { id: result.session.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const session = await returnedNow(result.session.reference);
    expect((await refreshSession(session, new Date(Date.now() + 5_000))).status).toBe("approved");
  });
});

describe("return route", () => {
  it("records the redirect with its whole query, trusts none of it, and sends the browser on (303)", async () => {
    const { result } = await start();
    if (!result.ok) throw new Error(result.error);
    const { reference } = result.session;
    const response = await returnRoute(new Request(`http://portal.test/return/${reference}?status=approved&foo=bar&foo=baz`), {
      params: Promise.resolve({ reference }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/status/${reference}`);
    const events = await prisma().sessionEvent.findMany({ where: { sessionId: result.session.id, type: "redirect_received" } });
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ query: { status: "approved", foo: ["bar", "baz"] } });
    // The query said "approved"; only the status endpoint decides.
    expect((await findSessionByReference(reference))!.status).toBe("pending");
  });

  it("answers an unknown or malformed reference with the not-found page, never another site", async () => {
    for (const reference of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "//evil.example", "../admin", ""]) {
      const response = await returnRoute(new Request("http://portal.test/return/x?next=https://evil.example"), {
        params: Promise.resolve({ reference }),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/status/not-found");
    }
    expect(await recordReturn("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", new URLSearchParams())).toBeNull();
  });
});

describe("public status route", () => {
  it("answers the status and its message without personal data", async () => {
    const { result, employee } = await start("bankid");
    if (!result.ok) throw new Error(result.error);
    const response = await statusRoute(new Request("http://portal.test/api/status/x"), {
      params: Promise.resolve({ reference: result.session.reference }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store, private");
    const body = await response.json();
    // Codes only: the page says them in the employee's language.
    // Not back from EasyFreelance yet: no check is planned, so the page keeps its own cadence.
    expect(body).toEqual({ status: "pending", final: false, provider: "bankid", onboarding: null, checkInMs: null });
    const text = JSON.stringify(body);
    for (const secret of [employee.email, employee.lastName, String(employee.efUserId), result.session.efVerificationId!]) {
      expect(text).not.toContain(secret);
    }
  });

  it("is null for unknown references", async () => {
    expect(await getPublicStatus("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await getPublicStatus("short")).toBeNull();
  });
});

describe("return route evidence", () => {
  it("records a query with NUL bytes (jsonb cannot store U+0000)", async () => {
    const { result } = await start("bankid");
    if (!result.ok) throw new Error(result.error);
    const response = await returnRoute(new Request(`http://portal.test/return/${result.session.reference}?a%00b=x%00y&url=%00`), {
      params: Promise.resolve({ reference: result.session.reference }),
    });
    expect(response.status).toBe(303);
    const [event] = await prisma().sessionEvent.findMany({ where: { sessionId: result.session.id, type: "redirect_received" } });
    expect(event.data).toEqual({ query: { "a\uFFFDb": "x\uFFFDy", url: "\uFFFD" } });
  });

  it("a __proto__ key changes no prototype and loses no other key", async () => {
    const { result } = await start("bankid");
    if (!result.ok) throw new Error(result.error);
    await recordReturn(result.session.reference, new URLSearchParams("__proto__=a&__proto__=b&x=1"));
    const [event] = await prisma().sessionEvent.findMany({ where: { sessionId: result.session.id, type: "redirect_received" } });
    const recorded = (event.data as { query: Record<string, unknown> }).query;
    expect(Object.getPrototypeOf(recorded)).toBe(Object.prototype);
    expect(recorded.x).toBe("1");
    expect(Array.isArray(Object.getPrototypeOf(recorded))).toBe(false);
  });
});
