// Bulk invite (issue 13): HR ticks two employees on the list and sends invitations: a result per employee, and
// both mails arrive in the sandbox's catcher; "all that match" a search invites everyone the search finds (on
// the server, not only the visible page), skips the verified, and a repeat mails nobody twice. No flow is
// started with EasyFreelance: that happens when the employee opens the invitation.
import { expect, test } from "@playwright/test";
import { ensureEmployee, query, signIn, stack } from "./support";

type Mail = { to: string[]; subject: string; text: string };
async function mailbox(to: string): Promise<Mail[]> {
  const response = await fetch(`${stack().sandboxUrl}/_sandbox/mail?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: Mail[] }).messages;
}

async function employee(efUserId: number, firstName: string, lastName: string) {
  const id = await ensureEmployee(efUserId, firstName, lastName);
  const [row] = await query<{ email: string }>(`SELECT email FROM employees WHERE id = $1`, [id]);
  return { id, email: row.email, name: `${firstName} ${lastName}` };
}

const sessionsOf = async (ids: string[]) =>
  (await query<{ n: number }>(`SELECT count(*)::int AS n FROM verification_sessions WHERE employee_id = ANY($1)`, [ids]))[0].n;

test("HR selects two employees, sends invitations, and both mails arrive", async ({ page }) => {
  const a = await employee(7481, "Astrid", "Bulkvalg");
  const b = await employee(7482, "Bjørn", "Bulkvalg");
  await signIn(page);
  await page.goto("/employees?q=Bulkvalg");
  const bulk = page.getByRole("region", { name: "Send invitations" });
  await page.getByRole("checkbox", { name: `Select ${a.name}` }).check();
  await page.getByRole("checkbox", { name: `Select ${b.name}` }).check();
  await expect(bulk.getByText("2 selected employees")).toBeVisible();
  await bulk.getByLabel("Method").selectOption({ label: "BankID" });
  await bulk.getByRole("button", { name: "Send invitations" }).click();
  const result = bulk.getByRole("status");
  await expect(result).toContainText("Done: 2 of 2 employees handled.");
  await expect(result).toContainText("2 sent");
  const list = result.getByRole("list", { name: "Result per employee" });
  await expect(list.getByRole("listitem").filter({ hasText: a.name })).toContainText("Invitation sent");
  await expect(list.getByRole("listitem").filter({ hasText: b.name })).toContainText("Invitation sent");
  for (const who of [a, b]) {
    await expect.poll(async () => (await mailbox(who.email)).length).toBe(1);
    expect((await mailbox(who.email))[0].text).toMatch(/\/i\/[A-Za-z0-9_-]{43}/);
  }
  expect(await sessionsOf([a.id, b.id])).toBe(0);
});

test("'all that match' a search invites everyone it finds; the verified are skipped; a repeat mails nobody twice", async ({ page }) => {
  const people = [await employee(7491, "Cecilie", "Alletreff"), await employee(7492, "Dag", "Alletreff"), await employee(7493, "Eva", "Alletreff")];
  await query(`UPDATE employees SET verified_at = now() WHERE id = $1`, [people[2].id]);
  await signIn(page);
  await page.goto("/employees?q=Alletreff");
  const bulk = page.getByRole("region", { name: "Send invitations" });
  await bulk.getByRole("radio", { name: "Everyone who matches this search and filter (3)" }).check();
  await bulk.getByRole("button", { name: "Send invitations" }).click();
  const result = bulk.getByRole("status");
  await expect(result).toContainText("Done: 3 of 3 employees handled.");
  await expect(result).toContainText("2 sent · 1 already verified");
  for (const who of people.slice(0, 2)) await expect.poll(async () => (await mailbox(who.email)).length).toBe(1);
  expect(await mailbox(people[2].email)).toHaveLength(0);

  await bulk.getByRole("button", { name: "Send invitations" }).click();
  await expect(result).toContainText("2 already invited · 1 already verified");
  for (const who of people.slice(0, 2)) expect(await mailbox(who.email)).toHaveLength(1);
  const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM invitations WHERE employee_id = ANY($1)`, [people.map((p) => p.id)]);
  expect(n).toBe(2);
  expect(await sessionsOf(people.map((p) => p.id))).toBe(0);
});

test("on a phone the rows stay cards with the checkbox beside the name", async ({ page }) => {
  await employee(7481, "Astrid", "Bulkvalg");
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page);
  await page.goto("/employees?q=Bulkvalg");
  const box = page.getByRole("checkbox", { name: "Select Astrid Bulkvalg" });
  await expect(box).toBeVisible();
  await expect(page.getByRole("region", { name: "Send invitations" }).getByRole("button", { name: "Send invitations" })).toBeVisible();
  // The checkbox on the name's line of the card.
  const [boxAt, nameAt] = [await box.boundingBox(), await page.getByRole("link", { name: "Astrid Bulkvalg" }).boundingBox()];
  expect(Math.abs(boxAt!.y + boxAt!.height / 2 - (nameAt!.y + nameAt!.height / 2))).toBeLessThan(8);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
