// The CSV import's background job against real PostgreSQL and the sandbox over HTTP: the claim, a crash
// mid-row, pacing, retries, EasyFreelance's field errors, the audit trail and an idempotent rerun.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { sandboxForThisFile } from "../support/sandbox";
import { SANDBOX_DEFAULTS } from "../../sandbox/defaults";
import { prisma } from "@/lib/db/client";
import { claimImportRows, completeImportRow, importCounts, startImportJob } from "@/lib/db/imports";
import { createImportFromFile, IMPORT_LEASE_MS, importFromSweep, processImportSlice } from "@/lib/employees/import";
import { createStaff } from "../support/db";

const sandbox = sandboxForThisFile({}, { EASYFREELANCE_TIMEOUT_MS: "500" });
const control = sandbox.control;
beforeEach(async () => {
  await control.faults.clear();
});

const unique = () => randomBytes(4).toString("hex");
const internalId = () => String(100_000_000 + randomBytes(3).readUIntBE(0, 3));
const bytes = (text: string) => new TextEncoder().encode(text);
const UNPACED = Number.POSITIVE_INFINITY;

async function upload(lines: string[], header = "e-post;fornavn;etternavn;ansattnummer") {
  const staff = await createStaff("hr");
  const result = await createImportFromFile({ name: "staff.csv", bytes: bytes([header, ...lines].join("\r\n")) }, staff);
  if (!result.ok) throw new Error(result.code);
  return { jobId: result.jobId, staff };
}

const statuses = async (jobId: string) =>
  (await prisma().importRow.findMany({ where: { jobId }, orderBy: { rowNumber: "asc" } })).map((row) => [row.rowNumber, row.status]);
const usersPosted = () => control.requests.count("users", (request) => request.method === "POST");

describe("CSV import job", () => {
  it("stores the dry run, imports the good rows, records EasyFreelance's field errors and audits it", async () => {
    const tag = unique();
    const takenId = internalId();
    // EasyFreelance already has another user with this internal id: only EasyFreelance can know (422).
    await fetch(`${sandbox.apiBaseUrl}/users`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${SANDBOX_DEFAULTS.token}`,
        "API-key": SANDBOX_DEFAULTS.apiKey,
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: JSON.stringify({ email: `holder.${tag}@example.no`, internal_id: Number(takenId) }),
    });
    const { jobId, staff } = await upload([
      `a.${tag}@example.no;Ada;Lovelace;${internalId()}`,
      `bad-email;Bad;Row;`,
      `b.${tag}@example.no;Bo;Berg;${takenId}`,
      `c.${tag}@example.no;Cy;Dahl;`,
    ]);
    expect(await statuses(jobId)).toEqual([
      [2, "pending"],
      [3, "invalid"],
      [4, "pending"],
      [5, "pending"],
    ]);
    // A draft is not worked on: nothing is sent before Start.
    const before = await usersPosted();
    await processImportSlice({ budgetMs: 5000, ratePerMinute: UNPACED, jobId });
    expect(await usersPosted()).toBe(before);

    expect(await startImportJob(jobId, staff)).toBe(true);
    expect(await startImportJob(jobId, staff)).toBe(false);
    const report = await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId });
    expect(report).toMatchObject({ processed: 3, finishedJobs: [jobId] });
    expect(await statuses(jobId)).toEqual([
      [2, "added"],
      [3, "invalid"],
      [4, "failed"],
      [5, "added"],
    ]);
    const failed = await prisma().importRow.findFirstOrThrow({ where: { jobId, rowNumber: 4 } });
    expect(failed.errors).toEqual([{ field: "internalId", code: "rejected", detail: "The internal id has already been taken." }]);
    const added = await prisma().importRow.findFirstOrThrow({ where: { jobId, rowNumber: 2 } });
    expect(await prisma().employee.findUniqueOrThrow({ where: { id: added.employeeId! } })).toMatchObject({
      email: `a.${tag}@example.no`,
      firstName: "Ada",
      lastName: "Lovelace",
      efUserId: added.efUserId,
    });
    const audit = await prisma().auditEvent.findMany({ where: { targetId: jobId }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => [event.action, event.actorId, event.data])).toEqual([
      ["employees.import_started", staff.id, { rows: 3, invalid: 1 }],
      ["employees.import_finished", staff.id, { added: 2, failed: 1, invalid: 1 }],
      ["employees.import_rows_failed", staff.id, { count: 1, rows: [4] }],
    ]);
    expect((await prisma().importJob.findUniqueOrThrow({ where: { id: jobId } })).status).toBe("done");
  });

  it("running the same file again links nobody twice: every row is already linked and nothing is sent", async () => {
    const tag = unique();
    const lines = [`d.${tag}@example.no;Di;Eng;${internalId()}`, `e.${tag}@example.no;Ed;Fos;`];
    const first = await upload(lines);
    await startImportJob(first.jobId, first.staff);
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId: first.jobId });
    expect(await statuses(first.jobId)).toEqual([
      [2, "added"],
      [3, "added"],
    ]);
    const posted = await usersPosted();
    // The same people again, one with another email but the same internal id.
    const again = await upload([lines[0].replace(`d.${tag}`, `d2.${tag}`), lines[1].toUpperCase()]);
    await startImportJob(again.jobId, again.staff);
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId: again.jobId });
    expect(await statuses(again.jobId)).toEqual([
      [2, "already_linked"],
      [3, "already_linked"],
    ]);
    expect(await usersPosted()).toBe(posted);
    expect(await prisma().employee.count({ where: { email: { startsWith: "d", endsWith: `${tag}@example.no` } } })).toBe(1);
  });

  it("two workers never claim the same row", async () => {
    const tag = unique();
    const { jobId, staff } = await upload(Array.from({ length: 12 }, (_, i) => `w${i}.${tag}@example.no;W;${i};`));
    await startImportJob(jobId, staff);
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => claimImportRows({ now, limit: 5, ratePerMinute: UNPACED, leaseMs: IMPORT_LEASE_MS, jobId })),
    );
    const ids = claims.flat().map((row) => row.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    await prisma().importJob.update({ where: { id: jobId }, data: { status: "cancelled" } });
  });

  it("resumes after a worker died mid-row: the lease runs out, the row is done once, the dead worker cannot complete it", async () => {
    const tag = unique();
    const { jobId, staff } = await upload([`x.${tag}@example.no;X;One;`, `y.${tag}@example.no;Y;Two;`]);
    await startImportJob(jobId, staff);
    const t0 = new Date(Date.now() + 10 * 60_000);
    // The worker claims row 2 and dies (say, after POST /users reached EasyFreelance).
    const [dead] = await claimImportRows({ now: t0, limit: 1, ratePerMinute: UNPACED, leaseMs: IMPORT_LEASE_MS, jobId });
    expect(dead.rowNumber).toBe(2);
    // Within the lease, another worker leaves the row alone and does the rest; the job is not done.
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId, now: new Date(t0.getTime() + 60_000) });
    expect(await statuses(jobId)).toEqual([
      [2, "in_progress"],
      [3, "added"],
    ]);
    // After the lease: the row is claimed again and done.
    const report = await processImportSlice({
      budgetMs: 20_000,
      ratePerMinute: UNPACED,
      jobId,
      now: new Date(t0.getTime() + IMPORT_LEASE_MS + 1000),
    });
    expect(report.finishedJobs).toEqual([jobId]);
    const row = await prisma().importRow.findFirstOrThrow({ where: { jobId, rowNumber: 2 } });
    expect(row).toMatchObject({ status: "added", attempts: 2 });
    // The dead worker wakes up: its attempt is stale, its answer is dropped.
    expect(await completeImportRow(dead, { status: "failed" })).toBe(false);
    expect((await prisma().importRow.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("added");
    expect(await prisma().employee.count({ where: { email: `x.${tag}@example.no` } })).toBe(1);
  });

  it("keeps to the per-minute budget across callers and time", async () => {
    const tag = unique();
    const { jobId, staff } = await upload(Array.from({ length: 5 }, (_, i) => `p${i}.${tag}@example.no;P;${i};`));
    await startImportJob(jobId, staff);
    // Far in the future, so no other test's claims share this minute.
    const t0 = new Date(Date.now() + 24 * 60 * 60_000);
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: 2, jobId, now: t0 });
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: 2, jobId, now: new Date(t0.getTime() + 30_000) });
    expect((await importCounts(jobId)).added).toBe(2);
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: 2, jobId, now: new Date(t0.getTime() + 60_001) });
    expect((await importCounts(jobId)).added).toBe(4);
    // Leave no open rows behind for the sweep test.
    await prisma().importJob.update({ where: { id: jobId }, data: { status: "cancelled" } });
  });

  it("a timeout is tried again a minute later (EasyFreelance links by email, so a repeat is safe)", async () => {
    const tag = unique();
    const { jobId, staff } = await upload([`t.${tag}@example.no;T;Out;`]);
    await startImportJob(jobId, staff);
    await control.faults.add({ endpoint: "users", times: 1, fault: { kind: "timeout" } });
    const t0 = new Date(Date.now() + 48 * 60 * 60_000);
    const first = await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId, now: t0 });
    expect(first).toMatchObject({ processed: 0, retried: 1, finishedJobs: [] });
    const waiting = await prisma().importRow.findFirstOrThrow({ where: { jobId } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, leaseUntil: new Date(t0.getTime() + 60_000) });
    expect(waiting.errors).toMatchObject([{ code: "upstream" }]);
    await processImportSlice({ budgetMs: 20_000, ratePerMinute: UNPACED, jobId, now: new Date(t0.getTime() + 60_000) });
    expect(await prisma().importRow.findFirstOrThrow({ where: { jobId } })).toMatchObject({ status: "added", attempts: 2, errors: null });
  });

  it("the sweep carries a started import on without the page (a closed tab, a redeploy)", async () => {
    const tag = unique();
    const { jobId, staff } = await upload([`s1.${tag}@example.no;S;One;`, `s2.${tag}@example.no;S;Two;`]);
    await startImportJob(jobId, staff);
    const report = await importFromSweep();
    expect(report.finishedJobs).toContain(jobId);
    expect(await statuses(jobId)).toEqual([
      [2, "added"],
      [3, "added"],
    ]);
  });

  it("keeps each row's language on the employee, for invitations and their mail", async () => {
    const tag = unique();
    const { jobId, staff } = await upload(
      [`en.${tag}@example.no;Emma;English;en`, `nb.${tag}@example.no;Nils;Norsk;norsk`, `x.${tag}@example.no;Xi;None;`],
      "e-post;fornavn;etternavn;språk",
    );
    expect(await startImportJob(jobId, staff)).toBe(true);
    await processImportSlice({ budgetMs: 30_000, ratePerMinute: UNPACED, jobId });
    const employees = await prisma().employee.findMany({
      where: { email: { endsWith: `${tag}@example.no` } },
      select: { email: true, locale: true },
    });
    expect(Object.fromEntries(employees.map((e) => [e.email.split(".")[0], e.locale]))).toEqual({ en: "en", nb: "nb", x: null });
  });
});
