// Bulk invite benchmark (issue 13): 1,000 employees invited in one call of the real domain function (create
// or reuse the invitation, render and send the mail over SMTP to the sandbox's catcher, audit), on a scratch
// PostgreSQL database. Prints the time, the mails sent, and EasyFreelance calls from the sandbox's request log
// (expected 0: a session starts only when the employee opens the invitation). Then the same call again (repeat).
//   npx tsx --conditions=react-server bench/bulk-invite.ts
// Needs PostgreSQL (DATABASE_URL's server, default postgresql://postgres@127.0.0.1:5432/postgres).
import { openDatabase } from "../scripts/lib/database";
import { startSandbox } from "../sandbox/server";
import { SandboxControl } from "../sandbox/control-client";
import { SANDBOX_DEFAULTS } from "../sandbox/defaults";

const EMPLOYEES = 1000;

const database = await openDatabase({
  serverUrl: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  prefix: "bench_bulk_invite",
});
const sandbox = await startSandbox({ smtpPort: 0 });
Object.assign(process.env, {
  DATABASE_URL: database.url,
  AUTH_SECRET: "b".repeat(40),
  APP_URL: "http://localhost:3000",
  EASYFREELANCE_BASE_URL: sandbox.apiBaseUrl,
  EASYFREELANCE_TOKEN: SANDBOX_DEFAULTS.token,
  EASYFREELANCE_API_KEY: SANDBOX_DEFAULTS.apiKey,
  SMTP_URL: process.env.BENCH_SMTP_POOL ? `${sandbox.smtpUrl}?pool=true&maxConnections=5` : sandbox.smtpUrl,
  MAIL_FROM: "Portal <portal@sandbox.test>",
  LOG_LEVEL: "error",
});
// After the environment is set: the portal's modules read it once.
const { prisma } = await import("../lib/db/client");
const { bulkInvite, BULK_INVITE_CONCURRENCY } = await import("../lib/verification/invitations");
const control = new SandboxControl(() => sandbox.url);

try {
  const staff = await prisma().staffUser.create({ data: { email: "bench@bench.test", name: "Bench", role: "hr", passwordHash: "x" } });
  await prisma().employee.createMany({
    data: Array.from({ length: EMPLOYEES }, (_, i) => ({
      efUserId: 500_000 + i,
      email: `bench${i}@bench.test`,
      firstName: `Ola${i}`,
      lastName: `Nordmann ${i}`,
    })),
  });
  const ids = (await prisma().employee.findMany({ select: { id: true } })).map(({ id }) => id);
  await control.requests.clear();

  for (const run of ["first", "repeat"] as const) {
    const started = performance.now();
    const report = await bulkInvite(ids, null, staff, { scope: "filter" });
    const seconds = (performance.now() - started) / 1000;
    const upstream = (await control.requests.list()).length;
    console.log(
      `[bench bulk-invite] ${run}: ${ids.length} employees in one call, ${BULK_INVITE_CONCURRENCY} at once: ${seconds.toFixed(1)} s ` +
        `(${(ids.length / seconds).toFixed(0)} employees/s); EasyFreelance calls: ${upstream}; outcome ${JSON.stringify(report.counts)}`,
    );
  }
  const [invitations, sent, audited] = await Promise.all([
    prisma().invitation.count(),
    prisma().invitation.count({ where: { sentAt: { not: null } } }),
    prisma().auditEvent.groupBy({ by: ["action"], _count: { _all: true } }),
  ]);
  console.log(
    `[bench bulk-invite]   invitations ${invitations}, delivered (sent_at) ${sent}; audit ${JSON.stringify(Object.fromEntries(audited.map((g) => [g.action, g._count._all])))}`,
  );
} finally {
  await prisma().$disconnect();
  await sandbox.close();
  await database.stop();
}
