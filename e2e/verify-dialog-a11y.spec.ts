// The Verify dialog against WCAG 2.2 AA with axe-core, in both languages and both of its states (the start
// form, and the link with the start-over warning): 0 violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { employeeRow, ensureEmployee, signIn } from "./support";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).include("dialog[open]").withTags(TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
  // The check really looked at the dialog.
  expect(result.passes.length + result.incomplete.length, what).toBeGreaterThan(0);
}

const CASES = [
  { locale: "en", efUserId: 7603, first: "Axel", last: "English", verify: "Verify", start: "Start verification", link: "Verification link" },
  {
    locale: "nb",
    efUserId: 7604,
    first: "Åse",
    last: "Bokmål",
    verify: "Bekreft identiteten til",
    start: "Start identitetsbekreftelse",
    link: "Lenke til identitetsbekreftelse",
  },
] as const;

for (const c of CASES) {
  test(`the Verify dialog has no WCAG 2.2 AA violations (${c.locale})`, async ({ page, context, baseURL }) => {
    await ensureEmployee(c.efUserId, c.first, c.last);
    await signIn(page, "hr@demo.test");
    // The language of this browser only (hr@demo.test keeps no saved choice): the cookie a choice would set.
    await context.addCookies([{ name: "locale", value: c.locale, url: baseURL! }]);
    await page.goto(`/employees?q=${encodeURIComponent(c.last)}`);
    await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
    const name = `${c.first} ${c.last}`;
    await employeeRow(page, c.efUserId)
      .getByRole("button", { name: c.locale === "en" ? `Verify ${name}` : `${c.verify} ${name}` })
      .click();
    const dialog = page.getByRole("dialog", { name: c.locale === "en" ? `Verify ${name}` : `${c.verify} ${name}` });
    await expect(dialog.getByRole("button", { name: c.start })).toBeVisible();
    await expectNoViolations(page, `start form (${c.locale})`);

    await dialog.getByLabel("BankID").check();
    await dialog.getByRole("button", { name: c.start }).click();
    await expect(dialog.getByLabel(c.link)).toBeVisible();
    await expect(dialog.getByTestId("start-over-warning")).toBeVisible();
    await expectNoViolations(page, `link and start over (${c.locale})`);
  });
}
