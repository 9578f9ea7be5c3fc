// Load test (a script, not a unit test): LOAD_POLLERS employees (default 200) each poll the public status
// route like the status page does, for LOAD_SECONDS (default 60), while HR works alongside — signed in over
// HTTP loading the Employees page, clicking Verify again (must reuse), starting over — and employees finish
// their flows on the sandbox and come back through the return route. Reports errors and lost events
// (a result the poller never saw, or a status change / return / start over missing from the database).
//
//   E2E_PORT=3340 E2E_SANDBOX_PORT=4340 npx tsx scripts/e2e-server.ts &      # the stack (next start)
//   npx tsx --conditions=react-server scripts/load-pollers.ts               # HR's side runs as a 2nd instance
//
// Only loopback traffic: the portal and sandbox of .data/e2e/stack.json. Bounded in time; exits 1 on any
// error or lost event.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "./lib/fake-credentials";

const POLLERS = Number(process.env.LOAD_POLLERS ?? 200);
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 60) * 1000;
const POLL_MS = 2000; // what components/status-poller.tsx does
const GRACE_MS = 15_000;

const stack = JSON.parse(readFileSync(".data/e2e/stack.json", "utf8")) as { appUrl: string; sandboxUrl: string; databaseUrl: string };
for (const url of [stack.appUrl, stack.sandboxUrl]) {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname)) throw new Error(`refusing non-loopback target ${url}`);
}
Object.assign(process.env, {
  DATABASE_URL: stack.databaseUrl,
  APP_URL: stack.appUrl,
  AUTH_SECRET: E2E_AUTH_SECRET,
  EASYFREELANCE_BASE_URL: `${stack.sandboxUrl}/api/v1`,
  EASYFREELANCE_TOKEN: FAKE_EASYFREELANCE.token,
  EASYFREELANCE_API_KEY: FAKE_EASYFREELANCE.apiKey,
});
const { prisma } = await import("../lib/db/client");
const { startVerification } = await import("../lib/verification/service");

type Employee = {
  id: string;
  index: number;
  address: string;
  reference: string;
  sessionId: string;
  verificationUrl: string;
  outcome: "approve" | "decline";
  completeAt: number;
  startOverAt: number | null;
  completed: boolean;
  supersededIds: string[];
  seen: string[];
  finalSeen: string | null;
};

const errors = new Map<string, number>();
const error = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
const latencies: number[] = [];
let polls = 0;
let hrActions = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rand = (min: number, max: number) => min + Math.random() * (max - min);

// ---- Setup: HR staff, employees, one session each (as HR would, through the verification service) ----
const run = randomBytes(3).toString("hex");
const hr = await prisma().staffUser.create({ data: { email: `load-${run}@load.test`, name: "Load HR", role: "hr", passwordHash: "x" } });
const base = 700_000 + (parseInt(run, 16) % 1000) * 1000;
const employees: Employee[] = [];
for (let i = 0; i < POLLERS; i++) {
  const row = await prisma().employee.create({
    data: { efUserId: base + i, email: `load-${run}-${i}@load.test`, firstName: "Load", lastName: `${run}-${i}` },
  });
  const result = await startVerification({ employeeId: row.id, provider: "bankid" }, hr);
  if (!result.ok) throw new Error(`setup start failed: ${result.error}`);
  const completeAt = rand(5_000, DURATION_MS - 10_000);
  employees.push({
    id: row.id,
    index: i,
    address: `203.0.113.${i % 250}, load-${i}`,
    reference: result.session.reference,
    sessionId: result.session.id,
    verificationUrl: result.session.verificationUrl!,
    outcome: Math.random() < 0.5 ? "approve" : "decline",
    completeAt,
    startOverAt: i % 10 === 0 ? rand(1_000, completeAt - 2_000) : null,
    completed: false,
    supersededIds: [],
    seen: [],
    finalSeen: null,
  });
}
console.log(`[load] ${POLLERS} employees with a pending session; polling for ${DURATION_MS / 1000}s`);

const t0 = Date.now();
const deadline = t0 + DURATION_MS;

async function timed(url: string, init?: RequestInit) {
  const started = performance.now();
  const response = await fetch(url, { ...init, redirect: "manual" });
  latencies.push(performance.now() - started);
  return response;
}

// ---- Pollers: the employees' status pages ----
async function poller(employee: Employee) {
  await sleep(Math.random() * POLL_MS);
  while (Date.now() < deadline || (employee.completed && !employee.finalSeen && Date.now() < deadline + GRACE_MS)) {
    try {
      const response = await timed(`${stack.appUrl}/api/status/${employee.reference}`, { headers: { "x-forwarded-for": employee.address } });
      polls++;
      if (response.status !== 200) {
        error(`status route ${response.status}`);
        await response.body?.cancel();
      } else {
        const body = (await response.json()) as { status: string; final: boolean };
        if (employee.seen.at(-1) !== body.status) employee.seen.push(body.status);
        if (body.final) {
          employee.finalSeen = body.status;
          return;
        }
      }
    } catch (cause) {
      error(`status route network: ${(cause as Error).message}`);
    }
    await sleep(POLL_MS);
  }
}

// ---- Employees finishing on the sandbox and returning through the portal ----
async function finish(employee: Employee) {
  await sleep(Math.max(0, t0 + employee.completeAt - Date.now()));
  try {
    const done = await fetch(employee.verificationUrl, {
      method: "POST",
      body: new URLSearchParams({ outcome: employee.outcome }),
      redirect: "manual",
    });
    const back = done.headers.get("location");
    if (done.status !== 303 || !back) return error(`sandbox completion ${done.status}`);
    employee.completed = true;
    const returned = await timed(back, { headers: { "x-forwarded-for": employee.address } });
    if (returned.status !== 303 || returned.headers.get("location") !== `/status/${employee.reference}`) error(`return route ${returned.status}`);
  } catch (cause) {
    error(`employee network: ${(cause as Error).message}`);
  }
}

// ---- HR: signed in over HTTP, loading the Employees page; Verify again; Start over ----
async function signInCookie(): Promise<string> {
  const csrfResponse = await fetch(`${stack.appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const cookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${stack.appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: "hr@demo.test", password: "demo-password-2026", callbackUrl: "/employees" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error("HR sign-in failed");
  return `${cookie}; ${session.split(";")[0]}`;
}

async function hrWork() {
  const cookie = await signInCookie();
  while (Date.now() < deadline) {
    hrActions++;
    try {
      const page = await timed(`${stack.appUrl}/employees`, { headers: { cookie } });
      if (page.status !== 200) error(`employees page ${page.status}`);
      await page.text();
      const now = Date.now() - t0;
      const candidates = employees.filter((e) => !e.completed && now < e.completeAt - 1_000);
      const employee = candidates[Math.floor(Math.random() * candidates.length)];
      if (employee && employee.startOverAt !== null && now >= employee.startOverAt) {
        const over = await startVerification({ employeeId: employee.id, provider: "bankid", replaceSessionId: employee.sessionId }, hr);
        if (!over.ok || over.reused) error(`start over: ${over.ok ? "reused" : over.error}`);
        else {
          employee.supersededIds.push(employee.sessionId);
          Object.assign(employee, {
            sessionId: over.session.id,
            reference: over.session.reference,
            verificationUrl: over.session.verificationUrl!,
            startOverAt: null,
          });
        }
      } else if (employee) {
        const again = await startVerification({ employeeId: employee.id, provider: "bankid" }, hr);
        if (!again.ok || !again.reused || again.session.id !== employee.sessionId)
          error(`verify again did not reuse: ${again.ok ? again.session.id : again.error}`);
      }
    } catch (cause) {
      error(`hr: ${(cause as Error).message}`);
    }
    await sleep(200);
  }
}

await Promise.all([...employees.map(poller), ...employees.map(finish), hrWork(), hrWork()]);

// ---- Lost events ----
const lost: string[] = [];
const expected = { approve: "approved", decline: "declined" } as const;
for (const employee of employees) {
  const want = expected[employee.outcome];
  if (!employee.completed) lost.push(`employee ${employee.index}: never completed`);
  else if (employee.finalSeen !== want) lost.push(`employee ${employee.index}: poller saw ${employee.seen.join(" → ")} (wanted ${want})`);
  const events = await prisma().sessionEvent.findMany({ where: { sessionId: employee.sessionId } });
  if (!events.some((event) => event.type === "status_changed" && event.toStatus === want))
    lost.push(`employee ${employee.index}: no status_changed → ${want} in the database`);
  if (!events.some((event) => event.type === "redirect_received")) lost.push(`employee ${employee.index}: return not recorded`);
  for (const old of employee.supersededIds) {
    const row = await prisma().verificationSession.findUnique({ where: { id: old }, include: { events: true } });
    if (row?.status !== "superseded" || !row.events.some((event) => event.type === "superseded"))
      lost.push(`employee ${employee.index}: start over not recorded`);
  }
}
const active = await prisma().$queryRaw<{ n: number }[]>`
  SELECT count(*)::int AS n FROM (SELECT employee_id FROM verification_sessions WHERE status IN ('starting','pending') GROUP BY employee_id HAVING count(*) > 1) t`;
if (active[0].n > 0) lost.push(`${active[0].n} employees with more than one active session`);

latencies.sort((a, b) => a - b);
const quantile = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
const report = {
  pollers: POLLERS,
  seconds: DURATION_MS / 1000,
  statusPolls: polls,
  hrActions,
  startOvers: employees.reduce((n, e) => n + e.supersededIds.length, 0),
  latencyMs: { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99), max: Math.round(latencies.at(-1) ?? 0) },
  errors: Object.fromEntries(errors),
  errorCount: [...errors.values()].reduce((a, b) => a + b, 0),
  lostEvents: lost.length,
  lost: lost.slice(0, 20),
};
console.log(JSON.stringify(report, null, 2));
await prisma().$disconnect();
process.exit(report.errorCount === 0 && lost.length === 0 ? 0 : 1);
