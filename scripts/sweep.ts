// `npm run sweep`: the scheduled sweep for self-hosted installs (run it from cron, e.g. every 10 minutes).
// Reads the same configuration as the server; prints the report as one JSON line.
import { runSweep } from "../lib/verification/sweep";
import { prisma } from "../lib/db/client";

try {
  const report = await runSweep();
  console.log(JSON.stringify(report));
} finally {
  await prisma().$disconnect();
}
