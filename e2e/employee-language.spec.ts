// The employee's side in their language (issue 10): EasyFreelance's `lang`, the switch and its cookie, the
// browser's Accept-Language; the next step after an approval; WCAG 2.2 AA and a 360 px phone, in both languages.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";
import { ensureEmployee, query, sandbox, stack } from "./support";

// EasyFreelance users of this spec only.
const USERS = {
  norwegian: 7961,
  other: 7962,
  steps: 7963,
  declined: 7964,
  pending: 7965,
  withSteps: 7966,
  noJs: 7967,
  headers: 7968,
  returning: 7969,
  later: 7970,
};

/** A pending verification started with EasyFreelance (the sandbox) for the portal's return URL, as Verify would. */
async function startedSession(efUserId: number, name: string): Promise<{ reference: string; verificationUrl: string }> {
  const employeeId = await ensureEmployee(efUserId, name, "Språk");
  const reference = randomBytes(24).toString("base64url");
  const response = await fetch(`${stack().sandboxUrl}/api/v1/users/${efUserId}/verification/flows`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${FAKE_EASYFREELANCE.token}`,
      "API-key": FAKE_EASYFREELANCE.apiKey,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify({ provider: "bankid", partner_return_url: `${stack().appUrl}/return/${reference}` }),
  });
  expect(response.status).toBe(201);
  const flow = (await response.json()) as { verification_id: string; verification_url: string; expires_at: string };
  await query(
    `INSERT INTO verification_sessions (id, reference, employee_id, ef_verification_id, provider, status, return_url, verification_url, expires_at, updated_at)
     VALUES ($1, $2, $3, $4, 'bankid', 'pending', $5, $6, $7, now())`,
    [
      `e2e-${reference}`,
      reference,
      employeeId,
      flow.verification_id,
      `${stack().appUrl}/return/${reference}`,
      flow.verification_url,
      flow.expires_at,
    ],
  );
  return { reference, verificationUrl: flow.verification_url };
}

/** A session only the portal knows (no EasyFreelance id, so never refreshed): a fixed state to look at. */
async function storedSession(efUserId: number, status: string, onboarding: unknown = null): Promise<string> {
  const employeeId = await ensureEmployee(efUserId, "Fast", "Tilstand");
  const reference = randomBytes(24).toString("base64url");
  await query(
    `INSERT INTO verification_sessions (id, reference, employee_id, provider, status, return_url, onboarding, updated_at)
     VALUES ($1, $2, $3, 'veriff', $4::"VerificationStatus", $5, $6::jsonb, now())`,
    [
      `e2e-${reference}`,
      reference,
      employeeId,
      status,
      `${stack().appUrl}/return/${reference}`,
      onboarding === null ? null : JSON.stringify(onboarding),
    ],
  );
  return reference;
}

/** The employee in the sandbox's BankID page chooses an outcome and is sent back to the portal. */
async function finishFlow(page: Page, verificationUrl: string, outcome: "Approve" | "Decline") {
  await page.goto(verificationUrl);
  await page.getByRole("button", { name: outcome, exact: true }).click();
}

async function localeCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === "locale");
}

test("an employee returning with lang=nb reads Norwegian from the return to the status page; English sticks once chosen", async ({
  page,
  context,
}) => {
  // Playwright's Chrome asks for en-US: only EasyFreelance's lang=nb makes the page Norwegian.
  const { reference, verificationUrl } = await startedSession(USERS.norwegian, "Nora");
  await finishFlow(page, verificationUrl, "Approve");
  await expect(page).toHaveURL(new RegExp(`/status/${reference}\\?lang=nb$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page).toHaveTitle(/^Identitetsbekreftelsen din · EasyFreelance partnerportal$/);
  await expect(page.getByText("Identitetsbekreftelse", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await expect(page.getByText(/^Alt er klart: EasyFreelance-kontoen din er også klar\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Norsk" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/You are verified|Checking/)).toHaveCount(0);

  // The switch: English, remembered in the cookie; it wins over EasyFreelance's lang=nb, also after a reload.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "You are verified" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  expect(await localeCookie(context)).toMatchObject({ value: "en", httpOnly: true, sameSite: "Lax", path: "/" });
  await page.goto(`/status/${reference}?lang=nb`);
  await expect(page.getByRole("heading", { name: "You are verified" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "You are verified" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // Another status page, even one EasyFreelance sends back with lang=nb, stays English.
  const other = await startedSession(USERS.other, "Olav");
  await finishFlow(page, other.verificationUrl, "Decline");
  await expect(page).toHaveURL(new RegExp(`/status/${other.reference}\\?lang=nb$`));
  await expect(page.getByRole("heading", { name: "Verification declined" })).toBeVisible();
  await expect(page.getByText("Ask your HR team for a new verification link to try again.")).toBeVisible();

  // And back to Norwegian.
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Identiteten ble ikke bekreftet" })).toBeVisible();
  await expect(page.getByText("Be HR om en ny lenke hvis du vil prøve igjen.", { exact: false })).toBeVisible();
  expect((await localeCookie(context))?.value).toBe("nb");
});

test("the return route passes on a supported lang only, normalised", async ({ request }) => {
  const reference = await storedSession(USERS.returning, "pending");
  const location = async (query: string) => (await request.get(`/return/${reference}${query}`, { maxRedirects: 0 })).headers()["location"];
  expect(await location("?lang=nb&status=approved")).toBe(`/status/${reference}?lang=nb`);
  expect(await location("?lang=no")).toBe(`/status/${reference}?lang=nb`);
  expect(await location("?lang=en-GB")).toBe(`/status/${reference}?lang=en`);
  expect(await location("?lang=de")).toBe(`/status/${reference}`);
  expect(await location("?lang=%22%3E%3Cscript%3E")).toBe(`/status/${reference}`);
  expect(await location("")).toBe(`/status/${reference}`);
});

async function pageWith(browser: Browser, options: Parameters<Browser["newContext"]>[0]) {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

test("without lang or a choice, the browser's Accept-Language decides", async ({ browser, request }) => {
  const reference = await storedSession(USERS.headers, "pending");
  // Exactly these headers (a browser adds its own).
  for (const [header, heading, lang] of [
    ["en", "Checking your verification", "en"],
    ["nb", "Vi sjekker bekreftelsen din", "nb"],
    ["nb-NO,nb;q=0.9,en;q=0.8", "Vi sjekker bekreftelsen din", "nb"],
    ["de-DE,en;q=0.5", "Checking your verification", "en"],
  ] as const) {
    const html = await (await request.get(`/status/${reference}`, { headers: { "Accept-Language": header } })).text();
    expect(html, header).toContain(`<html lang="${lang}"`);
    expect(html, header).toContain(heading);
  }
  // And a browser set to each language.
  for (const [locale, heading] of [
    ["nb-NO", "Vi sjekker bekreftelsen din"],
    ["en-GB", "Checking your verification"],
  ] as const) {
    const { context, page } = await pageWith(browser, { locale });
    await page.goto(`/status/${reference}`);
    await expect(page.getByRole("heading", { name: heading }), locale).toBeVisible();
    await context.close();
  }
});

test("the switch works without JavaScript", async ({ browser }) => {
  const reference = await storedSession(USERS.noJs, "cancelled");
  const { context, page } = await pageWith(browser, { javaScriptEnabled: false, locale: "nb-NO" });
  await page.goto(`/status/${reference}`);
  await expect(page.getByRole("heading", { name: "Bekreftelsen ble avbrutt" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Verification cancelled" })).toBeVisible();
  expect((await localeCookie(context))?.value).toBe("en");
  await context.close();
});

test("an approved employee with terms missing is told the step left, then that all is done once EasyFreelance has the terms", async ({ page }) => {
  const { reference, verificationUrl } = await startedSession(USERS.steps, "Siri");
  await sandbox.updateUser(USERS.steps, { terms: false, profile: true });
  await finishFlow(page, verificationUrl, "Approve");
  await expect(page).toHaveURL(new RegExp(`/status/${reference}\\?lang=nb$`));
  await expect(page.getByRole("heading", { name: "Identiteten din er bekreftet" })).toBeVisible();
  await expect(page.getByText("Før du er klar, må du fullføre disse stegene i EasyFreelance:", { exact: false })).toBeVisible();
  const steps = page.getByRole("listitem");
  await expect(steps).toHaveText(["Godta vilkårene"]);
  const app = page.getByRole("link", { name: "Åpne EasyFreelance" });
  await expect(app).toHaveAttribute("href", `${stack().sandboxUrl}/`);
  await expect(page.getByText("Siden oppdaterer seg selv når du er ferdig.")).toBeVisible();

  // The employee accepts the terms in EasyFreelance: the page follows it through the status refresh.
  await sandbox.updateUser(USERS.steps, { terms: true });
  await expect(page.getByText(/^Alt er klart: EasyFreelance-kontoen din er også klar\./)).toBeVisible({ timeout: 30_000 });
  await expect(steps).toHaveCount(0);
  await expect(app).toHaveCount(0);
  await expect(page.locator("[data-onboarding]")).toHaveAttribute("data-onboarding", "complete");
  const [row] = await query<{ status: string; onboarding: { missingSteps: string[]; isOnboarded: boolean } }>(
    `SELECT status, onboarding FROM verification_sessions WHERE reference = $1`,
    [reference],
  );
  expect(row.status).toBe("approved");
  expect(row.onboarding).toMatchObject({ missingSteps: [], isOnboarded: true });
});

test("steps EasyFreelance names that the portal does not know are shown by their name", async ({ page }) => {
  const reference = await storedSession(USERS.withSteps, "approved", {
    steps: { id_verification: true, terms: true, profile: false, tax_card: false },
    missingSteps: ["profile", "tax_card", "bank_account"],
    isOnboarded: false,
    idVerified: true,
  });
  await page.goto(`/status/${reference}?lang=en`);
  await expect(page.getByRole("listitem")).toHaveText(["Complete your profile", "Complete the step “tax_card”", "Add your bank details"]);
});

test("after a while the page stops following onboarding and says the employee can come back to the same link", async ({ page }) => {
  const reference = await storedSession(USERS.later, "approved", {
    steps: { id_verification: true, terms: false, profile: true },
    missingSteps: ["terms"],
    isOnboarded: false,
    idVerified: true,
  });
  await page.clock.install();
  await page.goto(`/status/${reference}?lang=en`);
  await expect(page.getByRole("listitem")).toHaveText(["Accept the terms"]);
  await expect(page.getByText("This page updates by itself when you have finished.")).toBeVisible();
  await page.clock.fastForward("15:01");
  await expect(
    page.getByText("This page has stopped checking. Come back to this link any time to see whether everything is in place."),
  ).toBeVisible();
  await expect(page.getByText("This page updates by itself when you have finished.")).toHaveCount(0);
  // It has stopped asking.
  const polls: string[] = [];
  page.on("request", (request) => void (request.url().includes("/api/status/") && polls.push(request.url())));
  await page.clock.fastForward("05:00");
  await page.waitForTimeout(500);
  expect(polls).toEqual([]);
  // What is left to do is still shown.
  await expect(page.getByRole("listitem")).toHaveText(["Accept the terms"]);
});

// ---- WCAG 2.2 AA and a 360 px phone, in both languages ----

const PHONE = { width: 360, height: 740 };
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test("the employee's pages pass axe (WCAG 2.2 AA) and fit a 360 px phone, in Norwegian and English", async ({ browser }) => {
  const pages = {
    pending: `/status/${await storedSession(USERS.pending, "pending")}`,
    "approved-with-steps": `/status/${await storedSession(USERS.withSteps, "approved", {
      steps: { id_verification: true, terms: false, profile: false },
      missingSteps: ["terms", "profile", "bank_account"],
      isOnboarded: false,
      idVerified: true,
    })}`,
    declined: `/status/${await storedSession(USERS.declined, "declined")}`,
    "status-not-found": "/status/not-found",
    "page-not-found": "/no-such-page",
  };
  mkdirSync("test-results/employee-pages", { recursive: true });
  for (const lang of ["nb", "en"] as const) {
    const { context, page } = await pageWith(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    await context.addCookies([{ name: "locale", value: lang, url: stack().appUrl }]);
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} (${lang}) is wider than the phone`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/employee-pages/${name}-${lang}-360.png`, fullPage: true });
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `${name} (${lang})`,
      ).toEqual([]);
    }
    await context.close();
  }
});
