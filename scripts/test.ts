// `npm test`: the whole suite. Vitest (units, client and sandbox contract, data layer against real
// PostgreSQL — a scratch database on DATABASE_URL's server, or embedded PGlite), then Playwright in
// Chromium through the real flow. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const reports = join(".data", "test-reports");
// Fresh reports every run, so the summary never counts an earlier run.
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return result.status ?? 1;
}

const vitestReport = join(reports, "vitest.json");
const vitestCode = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);

let playwrightCode = 1;
const playwrightReport = join(reports, "playwright.json");
if (!existsSync(chromium)) {
  console.error(
    `\nChromium not found at ${chromium}: the end-to-end suite needs it (Debian/Ubuntu: apt-get install -y chromium; or set CHROMIUM_PATH).`,
  );
} else {
  playwrightCode = run("npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
}

function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  if (existsSync(playwrightReport)) {
    const stats = JSON.parse(readFileSync(playwrightReport, "utf8")).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
  }
  return { passed, failed };
}

const { passed, failed } = counts();
const ok = vitestCode === 0 && playwrightCode === 0;
console.log(`\ntests: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed`);
process.exit(ok ? 0 : 1);
