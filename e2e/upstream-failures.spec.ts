// What a staff member sees when EasyFreelance fails at "Verify", and what the database holds afterwards.
// Each case makes the sandbox fail the flow call for one employee only (fault rule with endpoint + userId),
// so the cases never disturb each other or the other specs.
import { expect, test, type Page } from "@playwright/test";
// The e2e stack runs the portal with these fake credentials as the sandbox's partner 1.
import type { FaultSpec } from "../sandbox/faults";
import { FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";
import { employeeRow, ensureEmployee, query, resumeUpstreamCalls, sandbox, signIn, stack } from "./support";

type Case = {
  title: string;
  efUserId: number;
  fault: FaultSpec;
  as: "hr@demo.test" | "admin@demo.test";
  /** Every pattern must be in the message the user reads. */
  message: RegExp[];
  /** The failure kind recorded on the start_failed event. */
  kind: string;
  httpStatus?: number;
};

const appUrl = () => stack().appUrl;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const cases: Case[] = [
  {
    title: "return URL not approved",
    efUserId: 7101,
    fault: { kind: "validation" },
    as: "hr@demo.test",
    message: [
      /^EasyFreelance refused the portal's return URL RETURN_URL: /,
      /The verification was not started\./,
      /An administrator must register it under Settings and wait for EasyFreelance's approval; then try Verify again\.$/,
    ],
    kind: "return_url_not_approved",
    httpStatus: 422,
  },
  {
    title: "credentials rejected, seen by HR",
    efUserId: 7102,
    fault: { kind: "unauthorized" },
    as: "hr@demo.test",
    message: [
      /^EasyFreelance rejected the portal's API credentials \(HTTP 401\)\. The verification was not started\. Contact an administrator: they must check the portal's EasyFreelance token and API key\.$/,
    ],
    kind: "unauthorized",
    httpStatus: 401,
  },
  {
    title: "credentials rejected with a redirect instead of JSON, seen by an admin",
    efUserId: 7103,
    fault: { kind: "unauthorized", status: 302 },
    as: "admin@demo.test",
    message: [
      /^EasyFreelance answered with a redirect instead of JSON \(HTTP 302\)/,
      /Check EASYFREELANCE_TOKEN and EASYFREELANCE_API_KEY \(and EASYFREELANCE_BASE_URL\)/,
      /use Check credentials under Settings\.$/,
    ],
    kind: "unauthorized",
    httpStatus: 302,
  },
  {
    title: "rate limited",
    efUserId: 7104,
    fault: { kind: "rate_limited", retryAfterSeconds: 45 },
    as: "hr@demo.test",
    message: [/^EasyFreelance is limiting requests \(HTTP 429\)\. The verification was not started\. Try again in 45 seconds\.$/],
    kind: "rate_limited",
    httpStatus: 429,
  },
  {
    title: "upstream 500",
    efUserId: 7105,
    fault: { kind: "server_error" },
    as: "hr@demo.test",
    message: [
      /^The verification was not started: EasyFreelance had a problem on its side \(HTTP 500\)\. Try again in a few minutes; if it keeps happening, contact EasyFreelance support\.$/,
    ],
    kind: "upstream",
    httpStatus: 500,
  },
  {
    title: "timeout",
    efUserId: 7106,
    fault: { kind: "timeout" },
    as: "hr@demo.test",
    message: [
      /^EasyFreelance did not answer within 3 s, so it is not known whether it started a verification; no link was given out\. Try Verify again in a minute/,
    ],
    kind: "timeout",
  },
  {
    title: "HTML error page from a proxy",
    efUserId: 7107,
    fault: { kind: "html" },
    as: "hr@demo.test",
    message: [/^The verification was not started: EasyFreelance had a problem on its side \(HTTP 502\)/],
    kind: "upstream",
    httpStatus: 502,
  },
];

async function verifyWithBankId(page: Page, efUserId: number, name: string) {
  // Found by name: other specs add employees, so the first page of the list may not hold them.
  await page.goto(`/employees?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
  await employeeRow(page, efUserId)
    .getByRole("button", { name: `Verify ${name}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Verify ${name}` });
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  return dialog;
}

for (const c of cases) {
  test(`Verify fails clearly and leaves a failed attempt: ${c.title}`, async ({ page }) => {
    const [first, last] = ["Fault", `Case${c.efUserId}`];
    const employeeId = await ensureEmployee(c.efUserId, first, last);
    const before = await query<{ n: number }>(`SELECT count(*)::int AS n FROM verification_sessions WHERE employee_id = $1`, [employeeId]);
    const faultId = (await sandbox.faults.add({ endpoint: "flows", userId: c.efUserId, fault: c.fault })).id;
    try {
      await signIn(page, c.as);
      const dialog = await verifyWithBankId(page, c.efUserId, `${first} ${last}`);

      // What the user sees: what happened and what to do, in the dialog.
      const alert = dialog.getByRole("alert");
      await expect(alert).toBeVisible({ timeout: 20_000 });
      const text = (await alert.textContent())!.trim();
      for (const pattern of c.message) {
        expect(text).toMatch(new RegExp(pattern.source.replace("RETURN_URL", escape(`${appUrl()}/return`))));
      }
      // Never a secret, a raw body or HTML.
      expect(text).not.toContain(FAKE_EASYFREELANCE.token);
      expect(text).not.toContain(FAKE_EASYFREELANCE.apiKey);
      expect(text).not.toMatch(/<|Bad Gateway|nginx|Unauthenticated\./);
      await expect(dialog.getByTestId("verification-link")).toHaveCount(0);
      await expect(employeeRow(page, c.efUserId).locator("[data-status]")).toHaveText("Failed to start");

      // What the database holds: exactly one new session, failed, with the reason and a start_failed event.
      const sessions = await query<{
        id: string;
        status: string;
        failure_reason: string;
        ef_verification_id: string | null;
        verification_url: string | null;
        return_url: string;
      }>(
        `SELECT id, status, failure_reason, ef_verification_id, verification_url, return_url FROM verification_sessions WHERE employee_id = $1 ORDER BY created_at DESC`,
        [employeeId],
      );
      expect(sessions).toHaveLength(before[0].n + 1);
      const [session] = sessions;
      expect(session.status).toBe("failed");
      expect(session.ef_verification_id).toBeNull();
      expect(session.verification_url).toBeNull();
      expect(session.failure_reason.length).toBeGreaterThan(40);
      const events = await query<{ type: string; from_status: string; to_status: string; data: Record<string, unknown> }>(
        `SELECT type, from_status, to_status, data FROM session_events WHERE session_id = $1 ORDER BY created_at`,
        [session.id],
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: "start_failed", from_status: "starting", to_status: "failed" });
      expect(events[0].data).toMatchObject({ kind: c.kind, message: session.failure_reason });
      if (c.httpStatus) expect(events[0].data.httpStatus).toBe(c.httpStatus);
      if (c.kind === "return_url_not_approved") expect(events[0].data.returnUrl).toBe(session.return_url);
      // Nothing half-done is left anywhere.
      const starting = await query(`SELECT id FROM verification_sessions WHERE employee_id = $1 AND status = 'starting'`, [employeeId]);
      expect(starting).toHaveLength(0);

      // The attempt and its reason stay visible on the employee's page.
      await page.goto(`/employees/${employeeId}`);
      const history = page.getByTestId("session").first();
      await expect(history.getByTestId("failure-reason")).toHaveText(session.failure_reason);
      await expect(history.locator('[data-event="start_failed"]')).toContainText("Starting → Failed to start");
      if (c.kind === "rate_limited") {
        // The 429 paused every EasyFreelance call until its Retry-After, for every instance.
        const [budget] = await query<{ paused: boolean }>(`SELECT bool_or(paused_until > now()) AS paused FROM upstream_budgets`);
        expect(budget.paused).toBe(true);
      }
    } finally {
      await sandbox.faults.remove(faultId);
      await resumeUpstreamCalls();
    }
  });
}

test("once the fault is gone the next Verify works, and the failed attempt stays in the history", async ({ page }) => {
  const employeeId = await ensureEmployee(7108, "Fault", "Recovered");
  const faultId = (await sandbox.faults.add({ endpoint: "flows", userId: 7108, fault: { kind: "server_error" }, times: 1 })).id;
  await signIn(page, "hr@demo.test");
  const dialog = await verifyWithBankId(page, 7108, "Fault Recovered");
  await expect(dialog.getByRole("alert")).toContainText("HTTP 500");
  await sandbox.faults.remove(faultId); // already used up
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const statuses = await query<{ status: string }>(`SELECT status FROM verification_sessions WHERE employee_id = $1 ORDER BY created_at`, [
    employeeId,
  ]);
  expect(statuses.map((s) => s.status).slice(-2)).toEqual(["failed", "pending"]);
});
