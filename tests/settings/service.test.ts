// Settings: registering the portal's return URL and the credentials check, against a real database and
// the sandbox over HTTP.
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { prisma } from "@/lib/db/client";
import { checkCredentials, registerPortalReturnUrl } from "@/lib/settings/service";
import { createStaff } from "../support/db";

// Its own APP_URL, so other test files (sharing the database) never see these registrations.
const APP_URL = "http://settings.portal.test";
const sandbox = sandboxForThisFile({}, { APP_URL: APP_URL, EASYFREELANCE_TIMEOUT_MS: "500" });
const control = sandbox.control;
beforeEach(async () => {
  await control("/_sandbox/faults", "DELETE");
});

describe("registering the return URL", () => {
  it("stores the pending registration, refreshes the same row, and sees the approval", async () => {
    const admin = await createStaff("admin");
    const first = await registerPortalReturnUrl(admin.id);
    if (!first.ok) throw new Error(first.error);
    expect(first.registration).toMatchObject({ requestedUrl: `${APP_URL}/return`, status: "pending" });
    expect(first.registration.requestedBy?.name).toBe(admin.name);

    const other = await createStaff("admin");
    const again = await registerPortalReturnUrl(other.id);
    if (!again.ok) throw new Error(again.error);
    expect(again.registration.upstreamId).toBe(first.registration.upstreamId);
    expect(again.registration.requestedBy?.name).toBe(admin.name); // who asked first stays

    await control(`/_sandbox/return-urls/${first.registration.upstreamId}/approve`, "POST");
    const approved = await registerPortalReturnUrl(admin.id);
    if (!approved.ok) throw new Error(approved.error);
    expect(approved.registration.status).toBe("approved");
    expect(await prisma().returnUrlRegistration.count({ where: { requestedUrl: `${APP_URL}/return` } })).toBe(1);
  });

  it("explains failures and stores nothing", async () => {
    const admin = await createStaff("admin");
    const count = await prisma().returnUrlRegistration.count();
    await control("/_sandbox/faults", "POST", { endpoint: "return_urls", fault: { kind: "validation" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toEqual({
      ok: false,
      error: `EasyFreelance refused to register ${APP_URL}/return: The partner return url field must be a valid URL. Production requires an https APP_URL.`,
    });
    await control("/_sandbox/faults", "POST", { endpoint: "return_urls", fault: { kind: "unauthorized" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toMatchObject({ ok: false, error: expect.stringMatching(/rejected the portal's API credentials/) });
    await control("/_sandbox/faults", "POST", { endpoint: "return_urls", fault: { kind: "timeout" }, times: 1 });
    expect(await registerPortalReturnUrl(admin.id)).toMatchObject({ ok: false, error: expect.stringMatching(/Press the button again to read it back/) });
    expect(await prisma().returnUrlRegistration.count()).toBe(count);
  });
});

describe("checking the credentials", () => {
  it("accepted: a status read of a random session answers 404", async () => {
    await control("/_sandbox/requests", "DELETE");
    expect(await checkCredentials()).toMatchObject({ outcome: "accepted", message: expect.stringMatching(/^EasyFreelance accepts the portal's token and API key/) });
    const { requests } = await control("/_sandbox/requests");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "GET", endpoint: "status", status: 404 });
  });

  it("rejected: 401, or a 302 to a login page", async () => {
    await control("/_sandbox/faults", "POST", { endpoint: "status", fault: { kind: "unauthorized" }, times: 1 });
    expect(await checkCredentials()).toMatchObject({ outcome: "rejected", message: expect.stringMatching(/rejected the portal's token and API key \(HTTP 401\)/) });
    await control("/_sandbox/faults", "POST", { endpoint: "status", fault: { kind: "unauthorized", status: 302 }, times: 1 });
    expect(await checkCredentials()).toMatchObject({ outcome: "rejected", message: expect.stringMatching(/redirect \(HTTP 302\)/) });
  });

  it("inconclusive when EasyFreelance cannot answer", async () => {
    await control("/_sandbox/faults", "POST", { endpoint: "status", fault: { kind: "server_error" } });
    expect(await checkCredentials()).toMatchObject({ outcome: "inconclusive", message: expect.stringMatching(/^The credentials could not be checked: EasyFreelance had a problem/) });
  });
});
