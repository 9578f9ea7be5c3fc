// Verify's and the invitations' server actions re-render nothing (issue 14: re-rendering the Employees list, its
// search of up to 100,000 employees included, was most of Verify's cost). The pages still show what changed: the
// list from the dialog's answer, the employee's own page by refreshing itself once the dialog has its answer.
import { expect, test, type Page } from "@playwright/test";
import { employeeRow, ensureEmployee, signIn } from "./support";

/** Starts a BankID verification in the open dialog; answers the server action's response. */
async function startBankId(page: Page, name: string) {
  const dialog = page.getByRole("dialog", { name: `Verify ${name}` });
  await dialog.getByLabel("BankID").check();
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined),
    dialog.getByRole("button", { name: "Start verification" }).click(),
  ]);
  await expect(dialog.getByLabel("Verification link")).toBeVisible();
  return { dialog, response };
}

test("the list shows the attempt Verify started, without re-rendering, and still after Back", async ({ page }) => {
  await ensureEmployee(7971, "Liv", "Listerud");
  await signIn(page, "hr@demo.test");
  await page.goto("/employees?q=Listerud");
  const row = employeeRow(page, 7971);
  await expect(row.getByTestId("verification")).toHaveText("Not verified");
  await row.getByRole("button", { name: "Verify Liv Listerud" }).click();

  const { response } = await startBankId(page, "Liv Listerud");
  // No revalidation, so no re-render of the page in the action's response.
  expect(response.headers()["x-action-revalidated"]).toBeUndefined();
  await expect(row.locator("[data-status]")).toHaveText("Pending");

  // To the employee's page and Back: the list, even as the router kept it from before the Verify, shows the attempt.
  await page.keyboard.press("Escape");
  await row.getByRole("link", { name: "Liv Listerud" }).click();
  await expect(page.getByTestId("attempt-summary")).toContainText("Pending");
  await page.goBack();
  await expect(row.locator("[data-status]")).toHaveText("Pending");
});

test("the employee's page shows the attempt Verify started there", async ({ page }) => {
  const id = await ensureEmployee(7972, "Per", "Sidesen");
  await signIn(page, "hr@demo.test");
  await page.goto(`/employees/${id}`);
  await expect(page.getByTestId("attempt-summary")).toHaveCount(0);
  await page.getByRole("button", { name: "Verify Per Sidesen" }).click();

  await startBankId(page, "Per Sidesen");
  await expect(page.getByTestId("attempt-summary")).toContainText("Pending");
  await expect(page.getByTestId("session")).toHaveCount(1);
});

/** Every server action's response while `act` runs. */
async function actionResponses(page: Page, act: () => Promise<void>) {
  const responses: Array<Record<string, string>> = [];
  const record = (response: import("@playwright/test").Response) => {
    if (response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined) responses.push(response.headers());
  };
  page.on("response", record);
  await act();
  page.off("response", record);
  return responses;
}

test("invitations made from the list re-render nothing; the employee's page shows its invitation at once", async ({ page }) => {
  await ensureEmployee(7973, "Ine", "Listeinvitt");
  const id = await ensureEmployee(7974, "Ivar", "Sideinvitt");
  await signIn(page, "hr@demo.test");
  await page.goto("/employees?q=Listeinvitt");
  await employeeRow(page, 7973).getByRole("button", { name: "Verify Ine Listeinvitt" }).click();
  const panel = page.getByRole("dialog", { name: "Verify Ine Listeinvitt" }).getByTestId("invitation");
  const responses = await actionResponses(page, async () => {
    await panel.getByRole("button", { name: "Create invitation" }).click();
    await panel.getByRole("button", { name: "Send by email" }).click();
    await expect(panel.getByTestId("invitation-sent")).toContainText("Sent to");
    await panel.getByRole("button", { name: "Revoke invitation" }).click();
    await expect(panel.getByRole("button", { name: "Create invitation" })).toBeVisible();
  });
  // Create, send and revoke (and the dialog's own reads): none revalidated, so none re-rendered the list.
  expect(responses.length).toBeGreaterThanOrEqual(3);
  expect(responses.map((headers) => headers["x-action-revalidated"])).toEqual(responses.map(() => undefined));

  await page.goto(`/employees/${id}`);
  await expect(page.getByTestId("invitation-status")).toHaveCount(0);
  await page.getByRole("button", { name: "Verify Ivar Sideinvitt" }).click();
  await page
    .getByRole("dialog", { name: "Verify Ivar Sideinvitt" })
    .getByTestId("invitation")
    .getByRole("button", { name: "Create invitation" })
    .click();
  await expect(page.getByTestId("invitation-status")).toContainText("Invitation: Invited");
});
