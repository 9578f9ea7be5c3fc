import { expect, test, type Page } from "@playwright/test";
import { employeeRow, query, signIn } from "./support";

type Case = {
  efUserId: number;
  name: string;
  provider: "Veriff" | "BankID";
  idType?: "Norwegian" | "International";
  outcome: "Approve" | "Decline";
  employeeTitle: string;
  badge: string;
  dbStatus: string;
};

const cases: Case[] = [
  {
    efUserId: 1001,
    name: "Ingrid Hansen",
    provider: "Veriff",
    idType: "Norwegian",
    outcome: "Approve",
    employeeTitle: "Identiteten din er bekreftet",
    badge: "Verified",
    dbStatus: "approved",
  },
  {
    efUserId: 1002,
    name: "Ola Nordmann",
    provider: "Veriff",
    idType: "International",
    outcome: "Decline",
    employeeTitle: "Identiteten ble ikke bekreftet",
    badge: "Declined",
    dbStatus: "declined",
  },
  {
    efUserId: 1003,
    name: "Kari Johansen",
    provider: "BankID",
    outcome: "Approve",
    employeeTitle: "Identiteten din er bekreftet",
    badge: "Verified",
    dbStatus: "approved",
  },
  {
    efUserId: 1004,
    name: "Lars Berg",
    provider: "BankID",
    outcome: "Decline",
    employeeTitle: "Identiteten ble ikke bekreftet",
    badge: "Declined",
    dbStatus: "declined",
  },
];

async function startVerification(page: Page, c: Case): Promise<string> {
  // Found by name: other specs add employees, so the first page of the list may not hold them.
  await page.goto(`/employees?q=${encodeURIComponent(c.name.split(" ").at(-1)!)}`);
  const row = employeeRow(page, c.efUserId);
  await row.getByRole("button", { name: `Verify ${c.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Verify ${c.name}` });
  await dialog.getByLabel(c.provider === "Veriff" ? "Veriff (photo ID)" : "BankID").check();
  if (c.idType) await dialog.getByLabel(new RegExp(`^${c.idType} ID`)).check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  await expect(dialog.getByText(/^Expires /)).toBeVisible();
  const link = await dialog.getByLabel("Verification link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify\/[0-9a-f-]{36}$/);
  await expect(row.locator("[data-status]")).toHaveText("Pending");
  return link;
}

for (const c of cases) {
  const label = `${c.provider}${c.idType ? ` (${c.idType} ID)` : ""} ${c.outcome.toLowerCase()}`;
  test(`HR verifies ${c.name} with ${label}`, async ({ page, context }) => {
    await signIn(page);
    await startVerification(page, c);

    // The employee opens the link in another tab: EasyFreelance's page, then the provider.
    const [employeePage] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("dialog").getByRole("link", { name: "Open link" }).click(),
    ]);
    await expect(employeePage.getByRole("heading", { name: `${c.provider} (sandbox)` })).toBeVisible();
    await employeePage.getByRole("button", { name: c.outcome, exact: true }).click();

    // Redirected to the portal's return URL, recorded, then on to the public status page, in the language
    // EasyFreelance asked for (lang=nb).
    await expect(employeePage).toHaveURL(/\/status\/[A-Za-z0-9_-]{32}\?lang=nb$/);
    await expect(employeePage.getByRole("heading", { name: c.employeeTitle })).toBeVisible();
    await expect(employeePage.getByText("Ser etter oppdateringer")).toHaveCount(0);
    await expect(employeePage.getByText(`${c.name}`)).toHaveCount(0);

    const reference = new URL(employeePage.url()).pathname.split("/").pop()!;
    const [session] = await query<{ id: string; status: string; ef_verification_id: string; provider: string; id_type: string | null }>(
      `SELECT id, status, ef_verification_id, provider, id_type FROM verification_sessions WHERE reference = $1`,
      [reference],
    );
    expect(session.status).toBe(c.dbStatus);
    expect(session.provider).toBe(c.provider.toLowerCase());
    expect(session.id_type).toBe(c.idType ? (c.idType === "Norwegian" ? "local" : "international") : null);
    const events = await query<{ type: string; data: { query?: Record<string, string> } }>(
      `SELECT type, data FROM session_events WHERE session_id = $1 ORDER BY created_at`,
      [session.id],
    );
    expect(events.map((event) => event.type)).toEqual(["started", "redirect_received", "status_changed"]);
    // The redirect's whole query was kept as evidence, including parameters we do not know.
    const redirectQuery = events[1].data.query!;
    expect(redirectQuery.verification_id).toBe(session.ef_verification_id);
    expect(redirectQuery.ef_nonce).toBeTruthy();

    // Back on the Employees page, HR sees the result.
    await page.reload();
    await expect(employeeRow(page, c.efUserId).getByTestId("verification")).toContainText(c.badge);
  });
}
