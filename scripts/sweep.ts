// `npm run sweep`: the scheduled sweep for self-hosted installs (run it from cron, e.g. every 10 minutes).
// Reads the same configuration as the server; prints the report as one JSON line.
// `--now <ISO time>` runs it as of another moment (rehearsing reminders' office hours; the e2e suite's clock).
import { runSweep } from "../lib/verification/sweep";
import { prisma } from "../lib/db/client";

try {
  const at = process.argv.indexOf("--now");
  const now = at > 0 ? new Date(process.argv[at + 1] ?? "") : undefined;
  if (now && Number.isNaN(now.getTime())) throw new Error("--now needs an ISO time, e.g. 2026-12-01T10:00:00+01:00");
  // `--employee <id>` (repeatable): only these employees' sessions and reminders (a targeted run).
  const employeeIds = process.argv.flatMap((arg, i) => (arg === "--employee" && process.argv[i + 1] ? [process.argv[i + 1]] : []));
  const report = await runSweep({ now, employeeIds: employeeIds.length ? employeeIds : undefined });
  console.log(JSON.stringify(report));
} finally {
  await prisma().$disconnect();
}
