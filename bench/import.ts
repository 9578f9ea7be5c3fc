// CSV import benchmark (issue 13): 1,000 rows with 5 bad ones, through the real import (parse, dry run, job
// rows, claim, POST /users to the sandbox over HTTP, upsert) on a scratch PostgreSQL database. Prints figures.
//   npx tsx --conditions=react-server bench/import.ts
// 1. Unpaced (no per-minute budget): the wall time of the whole import, and the sandbox's POST /users count.
// 2. At the default pace (IMPORT_RATE_PER_MINUTE = 30): the same file on a simulated clock (the job's own
//    `now`, stepped 1 s per slice, so it takes seconds, not 33 minutes): the largest number of EasyFreelance
//    calls in any 60-second window (must stay ≤ 30) and how long the import takes at that pace.
// Needs PostgreSQL (DATABASE_URL's server, default postgresql://postgres@127.0.0.1:5432/postgres).
import { openDatabase } from "../scripts/lib/database";
import { startSandbox } from "../sandbox/server";
import { SandboxControl } from "../sandbox/control-client";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";

const ROWS = 1000;
const BAD = 5;
const RATE = 30;

const database = await openDatabase({
  serverUrl: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  prefix: "bench_import",
});
const sandbox = await startSandbox({});
Object.assign(process.env, {
  DATABASE_URL: database.url,
  AUTH_SECRET: "b".repeat(40),
  APP_URL: "http://localhost:3000",
  EASYFREELANCE_BASE_URL: sandbox.apiBaseUrl,
  EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
  EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
  LOG_LEVEL: "error",
});
// After the environment is set: the portal's modules read it once.
const { prisma } = await import("../lib/db/client");
const { startImportJob } = await import("../lib/db/imports");
const { createImportFromFile, processImportSlice } = await import("../lib/employees/import");
const control = new SandboxControl(() => sandbox.url);

function file(prefix: string): Uint8Array {
  const lines = ["\uFEFFE-post;Fornavn;Etternavn;Ansattnummer;Telefon;Språk"];
  for (let i = 0; i < ROWS; i++) {
    // Five bad rows spread through the file: bad email, missing name, bad phone, bad language, duplicate.
    const bad = i % (ROWS / BAD) === 100 ? (i / (ROWS / BAD)) | 0 : -1;
    const email = bad === 0 ? "not-an-email" : bad === 4 ? `${prefix}0@bench.test` : `${prefix}${i}@bench.test`;
    lines.push(
      [
        email,
        bad === 1 ? "" : `Ola${i}`,
        `Nordmann ${i}`,
        String((prefix === "fast" ? 10_000 : 20_000) + i),
        bad === 2 ? "12" : `479${String(i).padStart(5, "0")}`,
        bad === 3 ? "xx" : "nb",
      ].join(";"),
    );
  }
  return new TextEncoder().encode(lines.join("\r\n"));
}

async function upload(prefix: string) {
  const staff = await prisma().staffUser.create({ data: { email: `bench-${prefix}@bench.test`, name: "Bench", role: "hr", passwordHash: "x" } });
  const started = performance.now();
  const result = await createImportFromFile({ name: `${prefix}.csv`, bytes: file(prefix) }, staff);
  if (!result.ok) throw new Error(result.code);
  const dryRunMs = performance.now() - started;
  await startImportJob(result.jobId, staff);
  return { jobId: result.jobId, dryRunMs };
}

const counts = async (jobId: string) =>
  Object.fromEntries(
    (await prisma().importRow.groupBy({ by: ["status"], where: { jobId }, _count: { _all: true } })).map((g) => [g.status, g._count._all]),
  );

try {
  // 1. Unpaced.
  await control.requests.clear();
  const fast = await upload("fast");
  const t0 = performance.now();
  const report = await processImportSlice({ jobId: fast.jobId, budgetMs: 600_000, ratePerMinute: Number.POSITIVE_INFINITY });
  const seconds = (performance.now() - t0) / 1000;
  const posted = await control.requests.count("users", (request) => request.method === "POST");
  console.log(
    `[bench import] unpaced: ${ROWS} rows (${BAD} bad): dry run (parse + store) ${fast.dryRunMs.toFixed(0)} ms; import ${seconds.toFixed(1)} s`,
  );
  console.log(
    `[bench import]   ${(report.processed / seconds).toFixed(0)} rows/s, ${posted} POST /users, outcome ${JSON.stringify(await counts(fast.jobId))}`,
  );

  // 2. Default pace, simulated clock: a slice per simulated second, as the open page and the sweep would call it.
  const paced = await upload("paced");
  const start = new Date(Date.now() + 7 * 24 * 60 * 60_000);
  let now = start;
  for (let step = 0; step < 4 * 60 * 60; step++) {
    const slice = await processImportSlice({ jobId: paced.jobId, budgetMs: 10_000, ratePerMinute: RATE, now });
    if (slice.finishedJobs.length) break;
    now = new Date(now.getTime() + 1000);
  }
  const claims = (await prisma().importRow.findMany({ where: { jobId: paced.jobId, claimedAt: { not: null } }, select: { claimedAt: true } }))
    .map((row) => row.claimedAt!.getTime())
    .sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < claims.length; i++) {
    while (claims[i] - claims[j] >= 60_000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  const minutes = (now.getTime() - start.getTime()) / 60_000;
  console.log(`[bench import] paced at ${RATE}/min (simulated clock): ${claims.length} calls over ${minutes.toFixed(1)} simulated minutes`);
  console.log(
    `[bench import]   most calls in any 60 s window: ${worst} (limit ${RATE}: ${worst <= RATE ? "within" : "EXCEEDED"}); computed: ${ROWS - BAD} rows / ${RATE} per min = ${((ROWS - BAD) / RATE).toFixed(1)} min`,
  );
  console.log(`[bench import]   outcome ${JSON.stringify(await counts(paced.jobId))}`);
} finally {
  await prisma().$disconnect();
  await sandbox.close();
  await database.stop();
}
