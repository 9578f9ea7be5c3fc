// Add employee and the onboarding refresh, against a real database and the sandbox over HTTP.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";
import { prisma } from "@/lib/db/client";
import { addEmployee, refreshEmployeeOnboarding } from "@/lib/employees/service";
import { readOnboarding } from "@/lib/verification/onboarding";
import { createEmployee } from "../support/db";

const sandbox = sandboxForThisFile({}, { EASYFREELANCE_TIMEOUT_MS: "500" });
const control = sandbox.control;
beforeEach(async () => {
  await control.faults.clear();
});

const unique = () => randomBytes(4).toString("hex");
const internalId = () => String(100_000 + randomBytes(3).readUIntBE(0, 3));

describe("addEmployee", () => {
  it("creates the user in EasyFreelance and stores its id, names and internal id", async () => {
    const email = `ada.${unique()}@example.no`;
    const id = internalId();
    const result = await addEmployee({
      email,
      firstName: "Ada",
      lastName: "Lovelace",
      internalId: id,
      phone: "4791234567",
      bankMode: "domestic",
      bankAccountNumber: "1234.56.78903",
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.created).toBe(true);
    const row = await prisma().employee.findUniqueOrThrow({ where: { id: result.employeeId } });
    expect(row).toMatchObject({ efUserId: result.efUserId, email, firstName: "Ada", lastName: "Lovelace", internalId: id });
    expect(readOnboarding(row.onboarding)).toMatchObject({ idVerified: false, isOnboarded: false });
    expect(row.onboardingCheckedAt).toBeInstanceOf(Date);
    // EasyFreelance holds the bank details; the portal does not.
    const state = await control.state();
    const user = state.users.find((u) => u.id === result.efUserId)!;
    expect(user.bankAccountNumber).toBe("12345678903");
    expect(JSON.stringify(row)).not.toContain("12345678903");
  });

  it("adding the same email again opens the one row: no second row, nothing sent (use Relink to link again)", async () => {
    const email = `same.${unique()}@example.no`;
    const first = await addEmployee({ email, firstName: "First", bankMode: "none" });
    const second = await addEmployee({ email, firstName: "Second", lastName: "Name", bankMode: "none" });
    if (!first.ok || !second.ok) throw new Error("expected both to succeed");
    expect(second).toEqual({
      ok: true,
      employeeId: first.employeeId,
      efUserId: first.efUserId,
      created: false,
      alreadyInPortal: { archived: false },
    });
    expect(await prisma().employee.count({ where: { efUserId: first.efUserId } })).toBe(1);
    const row = await prisma().employee.findUniqueOrThrow({ where: { id: first.employeeId } });
    expect(row).toMatchObject({ firstName: "First", lastName: "" });
  });

  it("links an EasyFreelance user who is unknown to the portal, taking EasyFreelance's names", async () => {
    const email = `known.${unique()}@example.no`;
    const upstream = await fetch(`${sandbox.apiBaseUrl}/users`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${SANDBOX_DEFAULTS.token}`,
        "API-key": SANDBOX_DEFAULTS.apiKey,
        Accept: "application/json",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email, first_name: "Known", last_name: "Upstream" }),
    }).then((r) => r.json());
    const result = await addEmployee({ email, bankMode: "none" });
    if (!result.ok) throw new Error(result.error);
    expect(result.efUserId).toBe(Number(upstream.id));
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: result.employeeId } })).toMatchObject({
      firstName: "Known",
      lastName: "Upstream",
    });
  });

  it("form errors come back per field and nothing is sent", async () => {
    const before = (await control.state()).users.length;
    const result = await addEmployee({ email: "not-an-email", internalId: "12a", phone: "+47 123", bankMode: "international" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      email: ["Enter a valid email address."],
      internalId: ["Internal id must be a whole number (digits only)."],
      phone: ["Phone must be 4 to 15 digits, without spaces or a + sign."],
      bankIban: ["Enter the IBAN."],
      bankBic: ["Enter the BIC (SWIFT code)."],
    });
    expect((await addEmployee({ email: "", bankMode: "domestic" })).ok).toBe(false);
    expect((await control.state()).users.length).toBe(before);
  });

  it("the client's own checks (IBAN checksum, account number) land on the same fields", async () => {
    const result = await addEmployee({
      email: `iban.${unique()}@example.no`,
      bankMode: "international",
      bankIban: "NO9386011117948",
      bankBic: "DNBANOKK",
    });
    expect(result).toMatchObject({
      ok: false,
      error: "Check the highlighted fields: nothing was sent to EasyFreelance.",
      fieldErrors: { bankIban: ["IBAN is not valid."] },
    });
    const account = await addEmployee({ email: `acct.${unique()}@example.no`, bankMode: "domestic", bankAccountNumber: "123" });
    expect(account).toMatchObject({
      ok: false,
      fieldErrors: { bankAccountNumber: ["Account number must be a Norwegian account number (11 digits)."] },
    });
  });

  it("EasyFreelance's 422 field errors land next to their fields", async () => {
    const id = internalId();
    expect((await addEmployee({ email: `a.${unique()}@example.no`, internalId: id, bankMode: "none" })).ok).toBe(true);
    const taken = await addEmployee({ email: `b.${unique()}@example.no`, internalId: id, bankMode: "none" });
    expect(taken).toEqual({
      ok: false,
      error: "EasyFreelance did not accept some details: check the highlighted fields.",
      fieldErrors: { internalId: ["The internal id has already been taken."] },
    });
  });

  it("upstream failures are explained and store nothing", async () => {
    const count = await prisma().employee.count();
    await control.faults.add({ endpoint: "users", fault: { kind: "server_error" }, times: 1 });
    const failed = await addEmployee({ email: `x.${unique()}@example.no`, bankMode: "none" });
    expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/problem on its side \(HTTP 500\)/) });
    await control.faults.add({ endpoint: "users", fault: { kind: "timeout" }, times: 1 });
    const timedOut = await addEmployee({ email: `y.${unique()}@example.no`, bankMode: "none" });
    expect(timedOut).toMatchObject({ ok: false, error: expect.stringMatching(/Submit the form again: EasyFreelance matches on email/) });
    await control.faults.add({ endpoint: "users", fault: { kind: "unauthorized" }, times: 1 });
    expect(await addEmployee({ email: `z.${unique()}@example.no`, bankMode: "none" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/rejected the portal's API credentials/),
    });
    expect(await prisma().employee.count()).toBe(count);
  });
});

describe("refreshEmployeeOnboarding", () => {
  it("stores GET /users/{id}'s onboarding on the employee", async () => {
    const added = await addEmployee({ email: `r.${unique()}@example.no`, bankMode: "none" });
    if (!added.ok) throw new Error(added.error);
    await control.updateUser(added.efUserId, { terms: false, profile: true, id_verification: true });
    expect(await refreshEmployeeOnboarding(added.employeeId)).toEqual({ ok: true });
    const row = await prisma().employee.findUniqueOrThrow({ where: { id: added.employeeId } });
    expect(readOnboarding(row.onboarding)).toMatchObject({ idVerified: true, missingSteps: ["terms"], isOnboarded: false });
  });

  it("explains a user EasyFreelance does not link to this partner", async () => {
    const employee = await createEmployee();
    const result = await refreshEmployeeOnboarding(employee.id);
    expect(result).toEqual({
      ok: false,
      error: `EasyFreelance has no user ${employee.efUserId} linked to this portal's partner account. Use Relink on this page to link them again by their email.`,
    });
  });
});
