// Issue 13's journey: HR invites from the Verify dialog, the mail arrives in the sandbox's SMTP catcher, the
// employee opens it in another browser, chooses a method and finishes in the sandbox; an expired upstream
// session is replaced on reopening; a declined attempt is retried from the same link; a reminder goes out
// on the sweep under a controlled clock, and not outside office hours.
import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ensureEmployee, query, sandbox, signIn, stack } from "./support";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";

type Mail = { to: string[]; subject: string; text: string };

async function mailbox(to: string): Promise<Mail[]> {
  const url = `${stack().sandboxUrl}/_sandbox/mail?to=${encodeURIComponent(to)}`;
  // Once more on a dropped connection: sweepAt blocks this process for seconds, long enough for the sandbox to
  // close the kept-alive socket that fetch then reuses ("other side closed").
  const response = await fetch(url).catch(() => fetch(url));
  return ((await response.json()) as { messages: Mail[] }).messages;
}

async function employee(efUserId: number, firstName: string) {
  const id = await ensureEmployee(efUserId, firstName, "Invite");
  await query(`UPDATE employees SET locale = 'nb' WHERE id = $1`, [id]);
  const [row] = await query<{ email: string }>(`SELECT email FROM employees WHERE id = $1`, [id]);
  return { id, email: row.email, name: `${firstName} Invite` };
}

/** HR creates the invitation (method: the select's label) and sends it; returns the link as the mail carries it. */
async function invite(page: Page, who: { id: string; email: string; name: string }, method = "Let the employee choose"): Promise<string> {
  await signIn(page);
  await page.goto(`/employees/${who.id}`);
  await page.getByRole("button", { name: `Verify ${who.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Verify ${who.name}` });
  const panel = dialog.getByTestId("invitation");
  await panel.getByLabel("Method").selectOption({ label: method });
  await panel.getByRole("button", { name: "Create invitation" }).click();
  const link = await panel.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{43}$/);
  await expect(panel.getByTestId("invitation-qr")).toBeVisible();
  await panel.getByRole("button", { name: "Send by email" }).click();
  await expect(panel.getByTestId("invitation-sent")).toContainText(`Sent to ${who.email}`);
  await expect.poll(async () => (await mailbox(who.email)).length).toBe(1);
  const [mail] = await mailbox(who.email);
  expect(mail.subject).toContain("ber deg bekrefte identiteten din");
  const url = /http:\/\/\S+\/i\/[A-Za-z0-9_-]{43}\?lang=nb/.exec(mail.text)?.[0];
  expect(url, mail.text).toBeTruthy();
  expect(url!.split("?")[0]).toBe(link);
  return url!;
}

/** The employee's own browser (no HR cookies), in Norwegian. */
async function employeeBrowser(browser: Browser) {
  const context = await browser.newContext({ locale: "nb-NO" });
  return { context, page: await context.newPage() };
}

test("HR sends an invitation, the employee opens the mail's link elsewhere, chooses a method and is verified", async ({ page, browser }) => {
  const who = await employee(7801, "Siri");
  const url = await invite(page, who);
  const { context, page: phone } = await employeeBrowser(browser);
  const response = await phone.goto(url);
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(phone.getByRole("heading", { name: "Siri, bekreft identiteten din" })).toBeVisible();
  await phone.getByLabel(/Veriff med norsk legitimasjon/).check();
  await phone.getByRole("button", { name: "Start nå" }).click();
  await expect(phone.getByRole("heading", { name: "Veriff (sandbox)" })).toBeVisible();
  await phone.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  // The same link now shows the result.
  await phone.goto(url);
  await expect(phone.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await context.close();

  const [session] = await query<{ provider: string; id_type: string; started_by_id: string | null; invitation_id: string | null }>(
    `SELECT provider, id_type, started_by_id, invitation_id FROM verification_sessions WHERE employee_id = $1`,
    [who.id],
  );
  expect(session).toMatchObject({ provider: "veriff", id_type: "local", started_by_id: null });
  expect(session.invitation_id).toBeTruthy();
  await page.reload();
  await expect(page.getByTestId("invitation-status")).toContainText("Invitation: Verified");
  const audit = await query<{ action: string }>(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY created_at`, [who.id]);
  expect(audit.map((row) => row.action)).toEqual(["invitation.created", "invitation.sent", "invitation.opened"]);
});

test("an expired upstream session is replaced when the employee reopens the invitation", async ({ page, browser }) => {
  const who = await employee(7802, "Tor");
  const url = await invite(page, who, "BankID");
  const { context, page: phone } = await employeeBrowser(browser);
  await phone.goto(url);
  await phone.getByRole("button", { name: "Start nå" }).click();
  await expect(phone.getByRole("heading", { name: "BankID (sandbox)" })).toBeVisible();
  const first = phone.url();
  // EasyFreelance's session dies of old age before the employee finishes.
  const [old] = await query<{ ef_verification_id: string }>(`SELECT ef_verification_id FROM verification_sessions WHERE employee_id = $1`, [who.id]);
  await sandbox.expireSession(old.ef_verification_id);
  await query(`UPDATE verification_sessions SET expires_at = now() - interval '1 minute', last_checked_at = NULL WHERE employee_id = $1`, [who.id]);
  await phone.goto(url);
  await expect(phone.getByRole("button", { name: "Start nå" })).toBeVisible();
  await expect(phone.getByTestId("retry-intro")).toHaveCount(0);
  await phone.getByRole("button", { name: "Start nå" }).click();
  await expect(phone.getByRole("heading", { name: "BankID (sandbox)" })).toBeVisible();
  expect(phone.url()).not.toBe(first);
  const sessions = await query<{ status: string }>(`SELECT status FROM verification_sessions WHERE employee_id = $1 ORDER BY created_at`, [who.id]);
  expect(sessions.map((row) => row.status)).toEqual(["expired", "pending"]);
  await context.close();
});

test("a declined attempt is tried again from the same link", async ({ page, browser }) => {
  const who = await employee(7803, "Une");
  const url = await invite(page, who, "BankID");
  const { context, page: phone } = await employeeBrowser(browser);
  await phone.goto(url);
  await phone.getByRole("button", { name: "Start nå" }).click();
  await phone.getByRole("button", { name: "Decline", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "Identiteten ble ikke bekreftet" })).toBeVisible();
  // The status page leads back to the invitation.
  await phone.getByTestId("invitation-retry").click();
  await expect(phone.getByTestId("retry-intro")).toContainText("2 forsøk igjen");
  await phone.getByRole("button", { name: "Prøv igjen" }).click();
  await phone.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(phone.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await context.close();
});

/** The first moment at or after `from` that is the given weekday (0 = Sunday) at `hour`:00 Oslo time (UTC+1 in winter, +2 in summer). */
function osloMoment(from: Date, weekdays: number[], hour: number): Date {
  for (let day = 0; day < 14; day++) {
    for (const offset of [1, 2]) {
      const candidate = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + day, hour - offset));
      const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Oslo", hour: "2-digit", hourCycle: "h23", weekday: "short" }).formatToParts(
        candidate,
      );
      const shownHour = Number(parts.find((part) => part.type === "hour")!.value);
      const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.find((part) => part.type === "weekday")!.value);
      if (shownHour === hour && weekdays.includes(weekday) && candidate >= from) return candidate;
    }
  }
  throw new Error("no such moment");
}

function sweepAt(now: Date, employeeId: string): { reminded: number } {
  const { appUrl, sandboxUrl, databaseUrl, smtpUrl } = stack();
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/sweep.ts", "--now", now.toISOString(), "--employee", employeeId],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        // The portal's production configuration, as the e2e server has it (a self-hosted production setup must say it).
        TRUSTED_PROXIES: "1",
        DATABASE_URL: databaseUrl,
        APP_URL: appUrl,
        AUTH_SECRET: E2E_AUTH_SECRET,
        EASYFREELANCE_BASE_URL: `${sandboxUrl}/api/v1`,
        EASYFREELANCE_TOKEN: FAKE_EASYFREELANCE.token,
        EASYFREELANCE_API_KEY: FAKE_EASYFREELANCE.apiKey,
        SMTP_URL: smtpUrl,
        MAIL_FROM: "Portal <portal@sandbox.test>",
      },
      encoding: "utf8",
    },
  );
  return JSON.parse(output.trim().split("\n").pop()!) as { reminded: number };
}

test("a reminder goes out on the sweep on a weekday in office hours, not at the weekend", async ({ page }) => {
  const who = await employee(7804, "Vilde");
  await invite(page, who);
  const [row] = await query<{ sent_at: Date }>(`SELECT sent_at FROM invitations WHERE employee_id = $1 AND closed_at IS NULL`, [who.id]);
  const due = new Date(new Date(row.sent_at).getTime() + 2 * 24 * 60 * 60_000 + 60_000);
  // Saturday noon after the reminder is due: nothing.
  expect(sweepAt(osloMoment(due, [6], 12), who.id).reminded).toBe(0);
  // A weekday evening: nothing either.
  expect(sweepAt(osloMoment(due, [1, 2, 3, 4, 5], 19), who.id).reminded).toBe(0);
  expect(await mailbox(who.email)).toHaveLength(1);
  // A weekday at 10:00: the reminder, once however often the sweep runs.
  const weekday = osloMoment(due, [1, 2, 3, 4, 5], 10);
  expect(sweepAt(weekday, who.id).reminded).toBe(1);
  expect(sweepAt(weekday, who.id).reminded).toBe(0);
  const mails = await mailbox(who.email);
  expect(mails).toHaveLength(2);
  expect(mails[1].subject).toContain("Påminnelse");
});
