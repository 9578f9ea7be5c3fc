// HR's pages on a phone (360 × 740): nothing runs off the screen, the list's rows are cards with their
// Verify button in reach, the header's navigation folds into a menu, and the Verify dialog fits. Screenshots
// of each go to test-results/hr-360/ for a person to look at.
import { expect, test, type Page } from "@playwright/test";
import { employeeRow, ensureEmployee, signIn } from "./support";

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 } });

const EF_USER_ID = 7606;
const NAME = "Mobil Telefonsen";

async function expectNoHorizontalOverflow(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: page is ${width}px wide at a ${WIDTH}px viewport`).toBeLessThanOrEqual(WIDTH);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/hr-360/${name}.png`, fullPage: true });
}

test("the list, the employee page, settings, audit and the Verify dialog fit 360 px", async ({ page }) => {
  const id = await ensureEmployee(EF_USER_ID, "Mobil", "Telefonsen");
  await signIn(page, "admin@demo.test");

  // The list: rows are cards, the Verify button is inside the viewport.
  await page.goto(`/employees?q=Telefonsen`);
  await expectNoHorizontalOverflow(page, "employees list");
  const verify = employeeRow(page, EF_USER_ID).getByRole("button", { name: `Verify ${NAME}` });
  // Reachable: scrolled to, it is wholly on the screen (a card is taller than one screen's rest).
  await verify.scrollIntoViewIfNeeded();
  await expect(verify).toBeInViewport({ ratio: 1 });
  const box = (await verify.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  await shot(page, "employees");

  // The header: links fold into the menu, which opens and fits.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeHidden();
  const menu = page.getByTestId("nav-menu");
  await menu.getByText("Menu").click();
  await expect(menu.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoHorizontalOverflow(page, "open menu");
  await shot(page, "menu-open");
  await menu.getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(menu).not.toHaveAttribute("open", "");
  await expectNoHorizontalOverflow(page, "audit");
  await shot(page, "audit");

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expectNoHorizontalOverflow(page, "settings");
  await shot(page, "settings");

  await page.goto(`/employees/${id}`);
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();
  await expectNoHorizontalOverflow(page, "employee page");
  await shot(page, "employee");

  // The Verify dialog: the start form, then the link with the start-over warning.
  await page.goto(`/employees?q=Telefonsen`);
  await employeeRow(page, EF_USER_ID)
    .getByRole("button", { name: `Verify ${NAME}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Verify ${NAME}` });
  await expect(dialog.getByRole("button", { name: "Start verification" })).toBeVisible();
  await expectNoHorizontalOverflow(page, "Verify dialog");
  await shot(page, "verify-dialog-form");
  await dialog.getByLabel("BankID").check();
  const confirm = dialog.getByLabel("Start a new verification anyway");
  if (await confirm.isVisible()) await confirm.check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByLabel("Verification link")).toBeVisible();
  await expect(dialog.getByTestId("start-over-warning")).toContainText("not cancelled");
  const dialogBox = (await dialog.boundingBox())!;
  expect(dialogBox.x).toBeGreaterThanOrEqual(0);
  expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(WIDTH);
  await expectNoHorizontalOverflow(page, "Verify dialog with link");
  await shot(page, "verify-dialog-link");
});
