import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

// 60 extra employees, sorted after the demo ones ("Zz…"), so the list has two pages.
test.beforeAll(async () => {
  await query(
    `INSERT INTO employees (id, ef_user_id, email, first_name, last_name, internal_id, updated_at)
     SELECT 'list-' || n, 700000 + n, 'pager' || n || '@list.test', 'Pager', 'Zzlist ' || lpad(n::text, 2, '0'), 'L-' || n, now()
     FROM generate_series(1, 60) AS n
     ON CONFLICT (ef_user_id) DO NOTHING`,
  );
});

test("HR searches, filters and pages through the employees on the server", async ({ page }) => {
  await signIn(page);
  await expect(page.getByText(/^\d+ employees$/)).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search" });
  await search.fill("zzlist");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/employees\?q=zzlist/);
  await expect(page.getByText("60 employees")).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(51);

  // Page links keep the search.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/q=zzlist.*page=2/);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(11);
  await expect(page.getByTestId("employee-700060")).toBeVisible();
  await page.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();

  // By internal id, by EasyFreelance id, and a filter on the latest status.
  await page.goto("/employees?q=L-7");
  await expect(page.getByTestId("employee-700007")).toBeVisible();
  await page.goto("/employees?q=700042");
  await expect(page.getByText("1 employee", { exact: true })).toBeVisible();
  await page.goto("/employees?q=zzlist&status=approved");
  await expect(page.getByText("No employees match.")).toBeVisible();
  await page.goto("/employees?q=zzlist&status=none&page=999");
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("none");
});
