// A staff member's language: chosen in the header, saved on their account, it sticks across pages and
// across a new sign-in in another browser (whose own language is English), and the list and the Verify
// dialog read Norwegian. Its own staff member: the demo accounts keep no saved language for other specs.
import { expect, test, type Page } from "@playwright/test";
import { employeeRow, ensureEmployee, query } from "./support";

const EMAIL = "hr-sprak@e2e.test";
const EF_USER_ID = 7605;
const NAME = "Solveig Språkstad";

async function signInAs(page: Page) {
  await page.goto("/login");
  await page.getByLabel(/^(Email|E-post)/).fill(EMAIL);
  await page.getByLabel(/^(Password|Passord)/).fill("demo-password-2026");
  await page.getByRole("button", { name: /^(Sign in|Logg inn)$/ }).click();
}

test.beforeAll(async () => {
  // The demo HR's password hash: this account signs in with the demo password.
  await query(
    `INSERT INTO staff_users (id, email, name, password_hash, role, updated_at)
     SELECT 'e2e-sprak', $1, 'Sigrun Språk', password_hash, 'hr', now() FROM staff_users WHERE email = 'hr@demo.test'
     ON CONFLICT (email) DO UPDATE SET locale = NULL`,
    [EMAIL],
  );
  await ensureEmployee(EF_USER_ID, "Solveig", "Språkstad");
});

test("HR switches to Norwegian; it sticks across pages and sign-in, and the list and dialog read Norwegian", async ({ browser }) => {
  // An English browser (Accept-Language en-US): English until the staff member chooses.
  const first = await browser.newContext({ locale: "en-US" });
  const page = await first.newPage();
  await signInAs(page);
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Ansatte" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("button", { name: "Norsk" })).toHaveAttribute("aria-pressed", "true");
  expect((await query<{ locale: string }>(`SELECT locale FROM staff_users WHERE email = $1`, [EMAIL]))[0].locale).toBe("nb");

  // The list and the Verify dialog in Norwegian.
  await page.goto(`/employees?q=${encodeURIComponent("Språkstad")}`);
  await expect(page.getByRole("button", { name: "Søk", exact: true })).toBeVisible();
  await expect(page.getByText("1 ansatt", { exact: true })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Identitet" })).toBeVisible();
  await employeeRow(page, EF_USER_ID)
    .getByRole("button", { name: `Bekreft identiteten til ${NAME}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Bekreft identiteten til ${NAME}` });
  await expect(dialog.getByText("Metode", { exact: true }).first()).toBeVisible();
  await expect(dialog.getByLabel("Norsk legitimasjon (pass, førerkort, nasjonalt ID-kort)")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Start identitetsbekreftelse" })).toBeVisible();
  await dialog.getByRole("button", { name: "Lukk" }).click();

  // Another page: still Norwegian.
  await employeeRow(page, EF_USER_ID).getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { name: "Opplysninger" })).toBeVisible();
  await expect(page.getByRole("link", { name: "← Ansatte" })).toBeVisible();
  await page.getByRole("button", { name: "Logg ut" }).click();
  await first.close();

  // A new browser, English by its own settings and without the cookie: the saved choice wins at sign-in.
  const second = await browser.newContext({ locale: "en-US" });
  const again = await second.newPage();
  await signInAs(again);
  await expect(again.getByRole("heading", { name: "Ansatte" })).toBeVisible();
  await expect(again.locator("html")).toHaveAttribute("lang", "nb");
  expect((await second.cookies()).find((cookie) => cookie.name === "locale")?.value).toBe("nb");

  // And back to English.
  await again.getByRole("button", { name: "English" }).click();
  await expect(again.getByRole("heading", { name: "Employees" })).toBeVisible();
  expect((await query<{ locale: string }>(`SELECT locale FROM staff_users WHERE email = $1`, [EMAIL]))[0].locale).toBe("en");
  await second.close();
});
