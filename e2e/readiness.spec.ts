// Ready to pay (issue 10): the list's readiness column and filter, the employee page's checklist, and the
// admins' compliance export downloaded by a Norwegian browser (BOM, Norwegian headers, æøå intact).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { employeeRow, ensureEmployee, query, signIn } from "./support";

// This spec's own employees (EasyFreelance ids 737001…), found by the search word "Klarspec".
const READY = 737001; // verified, onboarded
const TERMS = 737002; // verified, terms missing
const UNVERIFIED = 737003; // onboarded, identity not verified
const UNKNOWN = 737004; // verified, onboarding never reported

function snapshot(missing: string[]) {
  const steps = Object.fromEntries(["id_verification", "terms", "profile", "bank_account"].map((s) => [s, !missing.includes(s)]));
  return JSON.stringify({ steps, missingSteps: missing, isOnboarded: missing.length === 0, idVerified: true, statusVersion: 2, evaluatedAt: null });
}

/** An approved session (started by the demo admin) with the onboarding snapshot EasyFreelance sent on it. */
async function approvedSession(employeeId: string, onboarding: string | null) {
  await query(
    `INSERT INTO verification_sessions (id, reference, employee_id, ef_verification_id, provider, id_type, status, return_url,
        completed_at, status_changed_at, last_checked_at, onboarding, started_by_id, updated_at)
     SELECT $1 || '-s', md5($1 || random()), $1, $1 || '-ef', 'veriff', 'local', 'approved', 'http://127.0.0.1/return/x',
            now(), now(), now(), $2::jsonb, (SELECT id FROM staff_users WHERE email = 'admin@demo.test'), now()
     WHERE NOT EXISTS (SELECT 1 FROM verification_sessions WHERE employee_id = $1)`,
    [employeeId, onboarding],
  );
}

test.beforeAll(async () => {
  await approvedSession(await ensureEmployee(READY, "Bjørn", "Klarspec Ærø"), snapshot([]));
  await approvedSession(await ensureEmployee(TERMS, "Åse", "Klarspec Vilkår"), snapshot(["terms"]));
  const unverified = await ensureEmployee(UNVERIFIED, "Øyvind", "Klarspec Uverifisert");
  await query(`UPDATE employees SET onboarding = $2::jsonb, onboarding_checked_at = now() WHERE id = $1`, [unverified, snapshot([])]);
  await approvedSession(await ensureEmployee(UNKNOWN, "Ukjent", "Klarspec Ukjent"), null);
});

test("HR sees who is ready to pay, filters by it on the server, and reads the checklist", async ({ page }) => {
  await signIn(page, "hr@demo.test");
  await page.goto("/employees?q=klarspec");
  await expect(page.getByRole("columnheader", { name: "Ready to pay" })).toBeVisible();
  await expect(employeeRow(page, READY).locator("[data-ready]")).toHaveText("Ready");
  await expect(employeeRow(page, TERMS).locator("[data-ready]")).toHaveText(/Not ready\s*Missing: Terms accepted/);
  await expect(employeeRow(page, UNVERIFIED).locator("[data-ready]")).toHaveText(/Not ready\s*Identity not verified/);
  await expect(employeeRow(page, UNKNOWN).locator("[data-ready]")).toHaveText(/Not ready\s*Onboarding not reported yet/);

  // The filter is a field of the list's search form, kept in the URL.
  await page.getByLabel("Ready to pay").selectOption("ready");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=klarspec.*readiness=ready/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(employeeRow(page, READY)).toBeVisible();
  await page.getByLabel("Ready to pay").selectOption("not_ready");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/readiness=not_ready/);
  await expect(page.getByRole("row")).toHaveCount(4);
  await expect(employeeRow(page, READY)).toHaveCount(0);
  // hr is not an admin: no compliance export.
  await expect(page.getByRole("button", { name: "Compliance report (CSV)" })).toHaveCount(0);

  // The checklist: terms missing, everything else done.
  await employeeRow(page, TERMS).getByRole("link").first().click();
  const checklist = page.getByTestId("readiness");
  await expect(checklist.getByRole("heading", { name: "Ready to pay" })).toBeVisible();
  await expect(checklist.getByTestId("readiness-summary")).toHaveText("Not ready to pay yet.");
  await expect(checklist.locator('[data-item="identity"]')).toHaveText(/Identity verified: Yes\s*Veriff, Norwegian ID, /);
  await expect(checklist.locator('[data-item="terms"]')).toHaveText(/Terms accepted: No$/);
  await expect(checklist.locator('[data-item="terms"]')).toHaveAttribute("data-state", "missing");
  await expect(checklist.locator('[data-item="bank_account"]')).toHaveAttribute("data-state", "done");
  await expect(checklist.locator('[data-item="onboarded"]')).toHaveAttribute("data-state", "missing");

  // Onboarding never reported: fail closed, and say so.
  await page.goto("/employees?q=klarspec+ukjent");
  await employeeRow(page, UNKNOWN).getByRole("link").first().click();
  await expect(page.getByTestId("readiness")).toHaveAttribute("data-ready", "false");
  await expect(page.getByTestId("readiness")).toContainText("EasyFreelance has not reported the employee's onboarding yet.");
  await expect(page.getByTestId("readiness").locator('[data-item="terms"]')).toHaveText(/Terms accepted: Unknown$/);
});

/** RFC 4180 as lib/security/csv.ts writes it: every cell quoted, "" inside, CRLF between rows. */
function parseCsv(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1].replace(/""/g, '"')));
}

test("an admin with a Norwegian browser downloads the compliance report: BOM, Norwegian headers, æøå intact, audited", async ({
  browser,
  page: englishPage,
}) => {
  // Signed in, then the same session in a Norwegian browser (Accept-Language nb-NO, no language cookie).
  await signIn(englishPage, "admin@demo.test");
  const context = await browser.newContext({ storageState: await englishPage.context().storageState(), locale: "nb-NO" });
  const page = await context.newPage();
  await page.goto("/employees?q=klarspec");
  await expect(page.getByRole("columnheader", { name: "Klar til utbetaling" })).toBeVisible();
  await expect(employeeRow(page, READY).locator("[data-ready]")).toHaveText("Klar");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Compliance-rapport (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^compliance-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
  expect(header.slice(0, 3)).toEqual(["Fornavn", "Etternavn", "E-post"]);
  expect(header).toContain("Vilkår godtatt");
  expect(header).toContain("Klar til utbetaling");
  const column = (name: string) => header.indexOf(name);
  const byEf = (ef: number) => rows.find((row) => row[column("EasyFreelance-ID")] === String(ef))!;

  const ready = byEf(READY);
  expect(ready[column("Fornavn")]).toBe("Bjørn");
  expect(ready[column("Etternavn")]).toBe("Klarspec Ærø");
  expect(ready[column("Klar til utbetaling")]).toBe("Ja");
  expect(ready[column("Bekreftet med")]).toBe("Veriff");
  expect(ready[column("ID-type")]).toBe("norsk ID");
  expect(ready[column("Siste verifisering startet av")]).toBe("Demo Admin");
  expect(ready[column("Siste verifisering, resultat")]).toBe("Bekreftet");
  expect(ready[column("Siste verifisering fullført")]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
  expect(byEf(TERMS)[column("Vilkår godtatt")]).toBe("Nei");
  expect(byEf(TERMS)[column("Klar til utbetaling")]).toBe("Nei");
  expect(byEf(UNKNOWN)[column("Onboarding fullført")]).toBe("Ukjent");
  // Every employee of the portal is in it, demo ones too, one row each.
  const [{ count }] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM employees`);
  expect(rows).toHaveLength(count);

  const [audit] = await query<{ actor_label: string }>(
    `SELECT actor_label FROM audit_events WHERE action = 'employees.compliance_exported' ORDER BY created_at DESC LIMIT 1`,
  );
  expect(audit.actor_label).toBe("admin@demo.test");
  await context.close();
});
