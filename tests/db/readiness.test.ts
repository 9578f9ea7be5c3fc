// Ready to pay in the database: employees.ready is kept by triggers (migration 20261127150000) and must agree
// with lib/verification/readiness.ts on every write path; the list filters by it; the compliance rows stream.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { exportEmployees, saveEmployeeOnboarding, searchEmployees } from "@/lib/db/employees";
import { applyStatusUpdate, claimStatusRefresh, sessionFields } from "@/lib/db/sessions";
import { complianceRows, readinessSources } from "@/lib/db/readiness";
import { readinessOf } from "@/lib/verification/readiness";
import { newSessionReference } from "@/lib/verification/reference";
import { createStaff } from "../support/db";

const tag = () => `zr${randomBytes(4).toString("hex")}`;
let nextEfId = 800_000_000 + randomBytes(2).readUInt16BE(0) * 1000;

async function employee(t: string, firstName: string) {
  return prisma().employee.create({
    data: { efUserId: nextEfId++, firstName, lastName: `Lie ${t}`, email: `${firstName.toLowerCase()}.${t}@corp.test` },
  });
}

/** A stored snapshot as lib/easyfreelance writes it (the client's Onboarding, serialised). */
function snapshot(missing: string[], isOnboarded = missing.length === 0) {
  const steps = Object.fromEntries(["id_verification", "terms", "profile", "bank_account"].map((s) => [s, !missing.includes(s)]));
  return { steps, missingSteps: missing, isOnboarded, idVerified: steps.id_verification, statusVersion: 1, evaluatedAt: "2026-11-20T00:00:00.000Z" };
}

async function session(
  employeeId: string,
  status: "pending" | "approved",
  onboarding: object | null,
  at: { createdAt?: Date; lastCheckedAt?: Date } = {},
  startedById?: string,
) {
  return prisma().verificationSession.create({
    data: {
      reference: newSessionReference(),
      employeeId,
      provider: "veriff",
      idType: "local",
      returnUrl: "http://portal.test/return/x",
      efVerificationId: crypto.randomUUID(),
      status,
      completedAt: status === "approved" ? new Date() : null,
      startedById,
      ...(onboarding ? { onboarding } : {}),
      ...at,
    },
    select: sessionFields,
  });
}

/** The trigger-kept column, checked against the TypeScript rule on the same data; returns it. */
async function ready(id: string): Promise<boolean> {
  const row = await prisma().employee.findUniqueOrThrow({ where: { id }, select: { ready: true } });
  const source = (await readinessSources([id])).get(id)!;
  expect(row.ready, "employees.ready agrees with readiness()").toBe(readinessOf(source).ready);
  return row.ready;
}

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("employees.ready (trigger-kept readiness)", () => {
  it("follows every write path: approval, a status update's snapshot, a refresh, a newer check, a deleted session", async () => {
    const t = tag();
    const a = await employee(t, "Åse");
    expect(await ready(a.id)).toBe(false);

    // Onboarded according to EasyFreelance, but identity not verified: not ready.
    await saveEmployeeOnboarding(a.id, snapshot([]), minutesAgo(60));
    expect(await ready(a.id)).toBe(false);

    // Approved with terms still missing (the snapshot on the status answer): verified, still not ready.
    const s = await session(a.id, "pending", null, { createdAt: minutesAgo(30), lastCheckedAt: minutesAgo(30) });
    await applyStatusUpdate(s, {
      status: "approved",
      rawStatus: "approved",
      nextAction: null,
      completedAt: new Date(),
      onboarding: snapshot(["terms"]),
      source: "test",
    });
    expect((await prisma().employee.findUniqueOrThrow({ where: { id: a.id } })).verifiedAt).not.toBeNull();
    expect(await ready(a.id)).toBe(false);

    // A refresh (GET /users/{id}) newer than the session's check: terms accepted → ready.
    await saveEmployeeOnboarding(a.id, snapshot([]), new Date());
    expect(await ready(a.id)).toBe(true);

    // The session is checked again later (its old snapshot becomes the newest): not ready again.
    expect(await claimStatusRefresh(s.id, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000), 0)).toBe(true);
    expect(await ready(a.id)).toBe(false);

    // Deleting that session hands back to the employee's own snapshot (the verification fact stays).
    await prisma().verificationSession.delete({ where: { id: s.id } });
    expect(await ready(a.id)).toBe(true);

    // Writing the column directly changes nothing: it is always recomputed.
    await prisma().employee.update({ where: { id: a.id }, data: { ready: false } });
    expect(await ready(a.id)).toBe(true);
  });

  it("agrees with readOnboarding on odd and unreadable snapshots (fail closed)", async () => {
    const t = tag();
    const cases: Array<[string, unknown, boolean]> = [
      ["onboarded", snapshot([]), true],
      ["missing step", snapshot(["bank_account"]), false],
      ["is_onboarded false", snapshot([], false), false],
      ["is_onboarded true but a missing step", { ...snapshot(["terms"]), isOnboarded: true }, false],
      ["a step reported not done, none missing", { ...snapshot([]), steps: { terms: false, profile: true } }, false],
      ["steps not booleans (read as none)", { ...snapshot([]), steps: { terms: "yes" } }, true],
      ["missing steps not strings (read as none)", { ...snapshot([]), missingSteps: [1] }, true],
      ["is_onboarded as text", { ...snapshot([]), isOnboarded: "true" }, false],
      ["an array", [snapshot([])], false],
      ["a string", "onboarded", false],
      ["JSON null", null, false],
      ["empty object", {}, false],
    ];
    for (const [name, value, expected] of cases) {
      const e = await employee(t, "Øyvind");
      await session(e.id, "approved", null, { createdAt: minutesAgo(10) });
      await prisma().employee.update({
        where: { id: e.id },
        data: { onboarding: value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue), onboardingCheckedAt: new Date() },
      });
      expect(await ready(e.id), name).toBe(expected);
    }
  });

  it("filters the list by readiness, combined with search and the other filters", async () => {
    const t = tag();
    const yes = await employee(t, "Anne");
    const no = await employee(t, "Bjørn");
    const archived = await employee(t, "Cato");
    for (const e of [yes, no, archived]) await session(e.id, "approved", snapshot(e === no ? ["terms"] : []));
    await prisma().employee.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });

    const ids = async (query: Parameters<typeof searchEmployees>[0]) => (await searchEmployees({ q: t, ...query })).employees.map((e) => e.id);
    expect(await ids({ readiness: "ready" })).toEqual([yes.id]);
    expect(await ids({ readiness: "not_ready" })).toEqual([no.id]);
    expect(await ids({ readiness: "ready", status: "approved" })).toEqual([yes.id]);
    expect(await ids({ readiness: "ready", status: "none" })).toEqual([]);
    expect(await ids({ readiness: "ready", status: "archived" })).toEqual([archived.id]);
    expect((await searchEmployees({ q: t, readiness: "not_ready" })).total).toBe(1);
    // The list's CSV download follows the same filter.
    const exported = [];
    for await (const batch of exportEmployees({ q: t, readiness: "ready" })) exported.push(...batch.map((e) => e.id));
    expect(exported).toEqual([yes.id]);
  });

  it("streams compliance rows in keyset batches, with the latest verification and who started it", async () => {
    const staff = await createStaff("hr");
    const t = tag();
    const made: Array<{ id: string }> = [];
    for (const name of ["Dag", "Eva", "Frøydis"]) made.push(await employee(t, name));
    await session(made[1].id, "approved", snapshot([]), {}, staff.id);

    const seen: string[] = [];
    let batches = 0;
    for await (const batch of complianceRows(2)) {
      batches++;
      expect(batch.length).toBeLessThanOrEqual(2);
      for (const row of batch) if (row.lastName.endsWith(t)) seen.push(row.firstName);
      const eva = batch.find((row) => row.id === made[1].id);
      if (eva) {
        expect(eva.latest).toMatchObject({ provider: "veriff", status: "approved", startedBy: staff.name });
        expect(readinessOf(eva).ready).toBe(true);
      }
    }
    expect(seen).toEqual(["Dag", "Eva", "Frøydis"]);
    expect(batches).toBeGreaterThan(1);
  });
});
