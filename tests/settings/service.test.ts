// Settings: registering the portal's return URL, what it knows about the approval (from evidence, never
// from re-registering), and the credentials check, against a real database and the sandbox over HTTP.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { recordReturnUrlEvidence } from "@/lib/db/return-urls";
import { checkCredentials, getReturnUrlApproval, registerPortalReturnUrl } from "@/lib/settings/service";
import { startVerification } from "@/lib/verification/service";
import { registerReturnUrlAction } from "@/app/(portal)/settings/actions";
import { createEmployee, createStaff } from "../support/db";
import { form, signedIn } from "../support/auth";

vi.mock("@/lib/auth", async () => (await import("../support/auth")).authMock());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

// Its own APP_URL, so other test files (sharing the database) never see these registrations. The sandbox
// approves no return URL up front: a flow starts only once the registration is approved.
const APP_URL = "http://settings.portal.test";
const RETURN_URL = `${APP_URL}/return`;
const sandbox = sandboxForThisFile({}, { APP_URL: APP_URL, EASYFREELANCE_TIMEOUT_MS: "500" });
const control = sandbox.control;
const registrationCalls = () => control.requests.count("return_urls", (request) => request.method === "POST");

/** Each test starts with no registration and no evidence for the URL, here or in the sandbox. */
beforeEach(async () => {
  await control.reset();
  await prisma().returnUrlRegistration.deleteMany({ where: { requestedUrl: RETURN_URL } });
  await prisma().returnUrlApproval.deleteMany({ where: { url: RETURN_URL } });
});

describe("registering the return URL", () => {
  it("stores the pending registration; another request needs an explicit confirmation, checked on the server", async () => {
    const admin = await createStaff("admin");
    const first = await registerPortalReturnUrl(admin.id);
    if (!first.ok) throw new Error(first.error);
    expect(first.registration).toMatchObject({ requestedUrl: RETURN_URL, status: "pending" });
    expect(first.registration.requestedBy?.name).toBe(admin.name);
    expect(await registrationCalls()).toBe(1);

    // Without the confirmation: refused before EasyFreelance is called (defect 6: every "refresh" filed a request).
    const other = await createStaff("admin");
    const refused = await registerPortalReturnUrl(other.id);
    expect(refused).toEqual({
      ok: false,
      needsConfirmation: true,
      error: `${RETURN_URL} is already registered from this portal. This files a new registration request with EasyFreelance; it does not read the status of the existing one. To file one anyway, use “Register again” and confirm.`,
    });
    expect(await registrationCalls()).toBe(1);

    const again = await registerPortalReturnUrl(other.id, { newRequestConfirmed: true });
    if (!again.ok) throw new Error(again.error);
    expect(await registrationCalls()).toBe(2);
    // The sandbox answers a repeated registration with the existing one: the same row, who asked first stays.
    expect(again.registration.upstreamId).toBe(first.registration.upstreamId);
    expect(again.registration.requestedBy?.name).toBe(admin.name);
    expect(await prisma().returnUrlRegistration.count({ where: { requestedUrl: RETURN_URL } })).toBe(1);
  });

  it("the server action refuses a second registration without the confirmation field", async () => {
    const admin = await createStaff("admin");
    signedIn.id = admin.id;
    expect(await registerReturnUrlAction(null, form({}))).toEqual({ ok: true, data: { status: "pending" } });
    expect(await registrationCalls()).toBe(1);

    expect(await registerReturnUrlAction(null, form({}))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is already registered from this portal/),
    });
    expect(await registerReturnUrlAction(null, form({ confirmNewRequest: "no" }))).toMatchObject({
      ok: false,
      fieldErrors: { confirmNewRequest: expect.any(Array) },
    });
    expect(await registrationCalls()).toBe(1);

    expect(await registerReturnUrlAction(null, form({ confirmNewRequest: "yes" }))).toEqual({ ok: true, data: { status: "pending" } });
    expect(await registrationCalls()).toBe(2);
  });

  it("explains failures and stores nothing", async () => {
    const admin = await createStaff("admin");
    const count = await prisma().returnUrlRegistration.count();
    await control.faults.add({ endpoint: "return_urls", fault: { kind: "validation" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toEqual({
      ok: false,
      error: `EasyFreelance refused to register ${RETURN_URL}: The partner return url field must be a valid URL. Production requires an https APP_URL.`,
    });
    await control.faults.add({ endpoint: "return_urls", fault: { kind: "unauthorized" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/rejected the portal's API credentials/),
    });
    await control.faults.add({ endpoint: "return_urls", fault: { kind: "timeout" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/may have recorded the registration anyway.*Registering again files another request/),
    });
    expect(await prisma().returnUrlRegistration.count()).toBe(count);
  });
});

describe("what Settings knows about the approval", () => {
  it("unknown until evidence arrives, showing only EasyFreelance's answer at registration", async () => {
    expect(await getReturnUrlApproval()).toMatchObject({
      url: RETURN_URL,
      approval: "unknown",
      evidence: null,
      registration: null,
      atRegistration: null,
    });

    const admin = await createStaff("admin");
    const registered = await registerPortalReturnUrl(admin.id);
    if (!registered.ok) throw new Error(registered.error);
    expect(await getReturnUrlApproval()).toMatchObject({
      approval: "unknown",
      evidence: null,
      registration: { upstreamId: registered.registration.upstreamId, status: "pending" },
      atRegistration: "at registration: Pending approval",
      detail: "approval will be learnt from the next Verify.",
    });

    // Even an "approved" answer at registration is not evidence: only a flow start is.
    await control.approveReturnUrl(registered.registration.upstreamId);
    await registerPortalReturnUrl(admin.id, { newRequestConfirmed: true });
    expect(await getReturnUrlApproval()).toMatchObject({ approval: "unknown", atRegistration: "at registration: Approved" });
  });

  it("evidence decides, and changing evidence flips it", async () => {
    const admin = await createStaff("admin");
    const registered = await registerPortalReturnUrl(admin.id);
    if (!registered.ok) throw new Error(registered.error);

    await recordReturnUrlEvidence(RETURN_URL, "flow_started", null);
    const approved = await getReturnUrlApproval();
    expect(approved).toMatchObject({
      approval: "approved",
      evidence: { kind: "flow_started", learntAt: expect.any(Date) },
      atRegistration: "at registration: Pending approval", // evidence wins over the registration's status
      detail: "when a verification started with this return URL.",
    });

    await recordReturnUrlEvidence(RETURN_URL, "flow_rejected", null);
    const rejected = await getReturnUrlApproval();
    expect(rejected).toMatchObject({
      approval: "not_approved",
      evidence: { kind: "flow_rejected" },
      detail: "when EasyFreelance refused a verification with this return URL.",
    });
    expect(rejected.evidence!.learntAt.getTime()).toBeGreaterThanOrEqual(approved.evidence!.learntAt.getTime());

    await recordReturnUrlEvidence(RETURN_URL, "flow_started", null);
    expect(await getReturnUrlApproval()).toMatchObject({ approval: "approved", evidence: { kind: "flow_started" } });
  });

  it("learns it from real Verify clicks: refused while pending, approved once a flow starts", async () => {
    const admin = await createStaff("admin");
    const hr = { id: (await createStaff("hr")).id, role: "hr" as const };
    const registered = await registerPortalReturnUrl(admin.id);
    if (!registered.ok) throw new Error(registered.error);

    const employee = await createEmployee();
    const refused = await startVerification({ employeeId: employee.id, provider: "bankid" }, hr);
    expect(refused.ok).toBe(false);
    expect(await getReturnUrlApproval()).toMatchObject({ approval: "not_approved", evidence: { kind: "flow_rejected" } });

    await control.approveReturnUrl(registered.registration.upstreamId);
    expect(await getReturnUrlApproval()).toMatchObject({ approval: "not_approved" }); // nothing re-read it
    const started = await startVerification({ employeeId: employee.id, provider: "bankid" }, hr);
    if (!started.ok) throw new Error(started.error);
    expect(await getReturnUrlApproval()).toMatchObject({ approval: "approved", evidence: { kind: "flow_started", sessionId: started.session.id } });
    expect(await registrationCalls()).toBe(1); // learnt without asking EasyFreelance about the registration
  });
});

describe("checking the credentials", () => {
  it("accepted: a status read of a random session answers 404", async () => {
    await control.requests.clear();
    expect(await checkCredentials()).toMatchObject({
      outcome: "accepted",
      message: expect.stringMatching(/^EasyFreelance accepts the portal's token and API key/),
    });
    const requests = await control.requests.list();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "GET", endpoint: "status", status: 404 });
  });

  it("rejected: 401, or a 302 to a login page", async () => {
    await control.faults.add({ endpoint: "status", fault: { kind: "unauthorized" }, times: 1 });
    expect(await checkCredentials()).toMatchObject({
      outcome: "rejected",
      message: expect.stringMatching(/rejected the portal's token and API key \(HTTP 401\)/),
    });
    await control.faults.add({ endpoint: "status", fault: { kind: "unauthorized", status: 302 }, times: 1 });
    expect(await checkCredentials()).toMatchObject({ outcome: "rejected", message: expect.stringMatching(/redirect \(HTTP 302\)/) });
  });

  it("inconclusive when EasyFreelance cannot answer", async () => {
    await control.faults.add({ endpoint: "status", fault: { kind: "server_error" } });
    expect(await checkCredentials()).toMatchObject({
      outcome: "inconclusive",
      message: expect.stringMatching(/^The credentials could not be checked: EasyFreelance had a problem/),
    });
  });
});
