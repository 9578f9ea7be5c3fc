import { expect, test, type Page } from "@playwright/test";
import { confirmReverifyIfAsked, employeeRow, query, signIn } from "./support";

const EMPLOYEES = { amina: { efUserId: 1005, name: "Amina Olsen" }, piotr: { efUserId: 1006, name: "Piotr Nowak" } };

/** HR starts a BankID verification and gets the employee's link. */
async function startBankId(page: Page, employee: { efUserId: number; name: string }): Promise<string> {
  // Found by name: other specs add employees, so the first page of the list may not hold them.
  await page.goto(`/employees?q=${encodeURIComponent(employee.name.split(" ").at(-1)!)}`);
  const row = employeeRow(page, employee.efUserId);
  await row.getByRole("button", { name: `Verify ${employee.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Verify ${employee.name}` });
  await dialog.getByLabel("BankID").check();
  // Employees other specs verified first: HR confirms the new verification.
  await confirmReverifyIfAsked(dialog);
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const link = await dialog.getByLabel("Verification link").inputValue();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  return link;
}

/** The employee finishes the flow on the sandbox and is sent back through the portal's return URL (no browser needed). */
async function complete(link: string, outcome: "approve" | "decline") {
  const response = await fetch(link, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBe(303);
  // The return is what makes the portal ask EasyFreelance soon (return-driven refresh).
  const back = await fetch(response.headers.get("location")!, { redirect: "manual" });
  expect(back.status).toBe(303);
}

async function referenceFor(link: string): Promise<string> {
  const [row] = await query<{ reference: string }>(`SELECT reference FROM verification_sessions WHERE ef_verification_id = $1`, [
    link.split("/").pop(),
  ]);
  return row.reference;
}

function setHidden(page: Page, hidden: boolean) {
  return page.evaluate((value) => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (value ? "hidden" : "visible") });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

test("the status page polls with backoff, pauses while hidden, announces the result and stops", async ({ page, browser }) => {
  await signIn(page);
  const link = await startBankId(page, EMPLOYEES.piotr);
  const reference = await referenceFor(link);

  const employee = await (await browser.newContext()).newPage();
  // A controlled clock: the poll schedule is checked by counting requests, never by measuring time.
  await employee.clock.install();
  const polls: string[] = [];
  employee.on("request", (request) => {
    if (request.url().includes(`/api/status/${reference}`)) polls.push(request.url());
  });
  await employee.goto(`/status/${reference}`);
  const live = employee.getByRole("status");
  await expect(live).toContainText("Checking your verification");
  await expect(live).toHaveAttribute("aria-live", "polite");

  // Backoff: 1 s, then 1.5 s, then 2.25 s…
  await Promise.all([employee.waitForResponse(`**/api/status/${reference}`), employee.clock.runFor(1000)]);
  expect(polls).toHaveLength(1);
  await employee.clock.runFor(1400);
  expect(polls).toHaveLength(1);
  await Promise.all([employee.waitForResponse(`**/api/status/${reference}`), employee.clock.runFor(100)]);
  expect(polls).toHaveLength(2);

  // Hidden tab: no polling at all, however long.
  await setHidden(employee, true);
  await employee.clock.runFor(120_000);
  expect(polls).toHaveLength(2);

  // The result arrives while hidden; coming back asks at once and announces it.
  await complete(link, "approve");
  await Promise.all([employee.waitForResponse(`**/api/status/${reference}`), setHidden(employee, false)]);
  await expect(live).toContainText("You are verified");
  await expect(employee.getByText("Checking for updates")).toHaveCount(0);

  // Final: polling has stopped.
  const count = polls.length;
  await employee.clock.runFor(120_000);
  expect(polls).toHaveLength(count);
  await employee.context().close();
});

test("HR sees pending statuses change without reloading, with one request for all pending rows", async ({ page }) => {
  await signIn(page);
  const aminaLink = await startBankId(page, EMPLOYEES.amina);
  const piotrLink = await startBankId(page, EMPLOYEES.piotr);
  const references = [await referenceFor(aminaLink), await referenceFor(piotrLink)];

  const perRow: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/status/")) perRow.push(request.url());
  });
  // The list's poll names every visible pending session in one request (other specs' pending rows too).
  const polled = page.waitForRequest((request) => request.url().endsWith("/api/employees/statuses") && request.method() === "POST");
  await page.goto("/employees?status=pending");
  const poll = await polled;
  const visiblePending = await page.locator('[data-status="pending"]').count();
  const named = (poll.postDataJSON() as { references: string[] }).references;
  expect(named).toEqual(expect.arrayContaining(references));
  expect(named).toHaveLength(visiblePending);

  await complete(aminaLink, "approve");
  await complete(piotrLink, "decline");
  await expect(employeeRow(page, EMPLOYEES.amina.efUserId).locator("[data-verified]")).toHaveText("Verified");
  await expect(employeeRow(page, EMPLOYEES.piotr.efUserId).locator("[data-status]")).toHaveText("Declined");
  expect(perRow).toEqual([]);
});

test("the live status route is for signed-in staff only and checks its input", async ({ page, request, baseURL }) => {
  const anonymous = await request.post("/api/employees/statuses", { data: { references: ["A".repeat(32)] } });
  expect(anonymous.status()).toBe(401);
  await signIn(page);
  // As the list's own fetch sends it: same-origin JSON (e2e/abuse.spec.ts tries the other kinds).
  const headers = { origin: new URL(baseURL!).origin };
  const bad = await page.request.post("/api/employees/statuses", { headers, data: { references: "nope" } });
  expect(bad.status()).toBe(400);
  const unknown = await page.request.post("/api/employees/statuses", { headers, data: { references: ["A".repeat(32), "../etc"] } });
  expect(await unknown.json()).toEqual({ statuses: {}, checkInMs: null });
});
