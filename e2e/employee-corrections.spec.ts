// Employees HR can correct (issue "What HR sees is true", defect 5): an employee whose EasyFreelance id no
// longer exists is relinked on the same row instead of being added twice; archive, erase, and who may.
import { expect, test } from "@playwright/test";
import { ensureEmployee, query, sandbox, signIn } from "./support";

test("defect 5: a stale EasyFreelance id is fixed with Relink on the same row, not by adding the employee twice", async ({ page }) => {
  const id = await ensureEmployee(7701, "Rita", "Relink");
  const [{ email }] = await query<{ email: string }>(`SELECT email FROM employees WHERE id = $1`, [id]);
  // EasyFreelance no longer knows user 7701: the flow start answers 404.
  await sandbox.faults.add({ endpoint: "flows", userId: 7701, times: 1, fault: { kind: "not_found" } });

  await signIn(page, "hr@demo.test");
  await page.goto("/employees?q=7701");
  await page.getByTestId("employee-7701").getByRole("button", { name: "Verify Rita Relink" }).click();
  const dialog = page.getByRole("dialog", { name: "Verify Rita Relink" });
  await dialog.getByLabel("BankID").check();
  await dialog.getByRole("button", { name: "Start verification" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "EasyFreelance has no user with id 7701 (HTTP 404). The verification was not started. Use Relink on the employee's page to link them again by their email, then try Verify again.",
  );
  const failed = await query<{ failure_reason: string }>(
    `SELECT failure_reason FROM verification_sessions WHERE employee_id = $1 AND status = 'failed'`,
    [id],
  );
  expect(failed).toHaveLength(1);
  expect(failed[0].failure_reason).toContain("Use Relink on the employee's page");

  // What the old message said to do: Add employee with the same email. Now it opens the existing employee.
  await sandbox.requests.clear();
  await page.goto("/employees/new");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Add employee" }).click();
  await expect(page).toHaveURL(new RegExp(`/employees/${id}\\?existing=1$`));
  await expect(page.getByTestId("already-in-portal")).toHaveText(
    "Rita Relink is already in the portal with this email, so no one was added. To link them to EasyFreelance again, use Relink.",
  );
  expect(await query(`SELECT id FROM employees WHERE lower(email) = lower($1)`, [email])).toHaveLength(1);
  const requests = await sandbox.requests.list();
  expect(requests.filter((r) => r.endpoint === "users")).toEqual([]);
  // HR may correct, not erase.
  await expect(page.getByRole("button", { name: "Erase" })).toHaveCount(0);

  // Relink: POST /users by email, and the same row takes the id EasyFreelance answers; its history stays.
  const [{ sessions: sessionsBefore }] = await query<{ sessions: number }>(
    `SELECT count(*)::int AS sessions FROM verification_sessions WHERE employee_id = $1`,
    [id],
  );
  await page.getByRole("button", { name: "Relink", exact: true }).click();
  const relink = page.getByRole("dialog", { name: "Relink Rita Relink" });
  await relink.getByRole("button", { name: "Relink with EasyFreelance" }).click();
  await expect(relink.getByRole("status")).toContainText("(was 7701)");
  const { users } = await sandbox.state();
  const upstream = users.find((user) => user.email.toLowerCase() === email);
  expect(upstream).toBeDefined();
  await expect(relink.getByRole("status")).toHaveText(`Linked to EasyFreelance user ${upstream!.id} (was 7701).`);
  const [row] = await query<{ ef_user_id: number; sessions: number }>(
    `SELECT e.ef_user_id, (SELECT count(*)::int FROM verification_sessions s WHERE s.employee_id = e.id) AS sessions FROM employees e WHERE e.id = $1`,
    [id],
  );
  expect(row).toEqual({ ef_user_id: upstream!.id, sessions: sessionsBefore });
  expect(sessionsBefore).toBeGreaterThanOrEqual(1);
  await relink.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("ef-user-id")).toHaveText(String(upstream!.id));
  const audit = await query<{ data: unknown }>(`SELECT data FROM audit_events WHERE target_id = $1 AND action = 'employee.relinked'`, [id]);
  expect(audit).toEqual([{ data: { fromEfUserId: 7701, toEfUserId: upstream!.id } }]);
});

test("archive hides the employee from the list and stops Verify; unarchive brings them back", async ({ page }) => {
  const id = await ensureEmployee(7702, "Archie", "Archived");
  await signIn(page, "hr@demo.test");
  await page.goto("/employees?q=Archie");
  await expect(page.getByTestId("employee-7702")).toBeVisible();

  await page.goto(`/employees/${id}`);
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("dialog", { name: "Archive Archie Archived" }).getByRole("button", { name: "Archive employee" }).click();
  await expect(page.getByTestId("archived-notice")).toContainText("Archived on");
  await expect(page.getByRole("button", { name: "Verify Archie Archived" })).toHaveCount(0);
  expect((await query<{ archived: boolean }>(`SELECT archived_at IS NOT NULL AS archived FROM employees WHERE id = $1`, [id]))[0].archived).toBe(
    true,
  );

  await page.goto("/employees?q=Archie");
  // Soft: the list's archived filter is a separate change (searchEmployees); the rest still runs.
  await expect.soft(page.getByTestId("employee-7702")).toHaveCount(0);

  await page.goto(`/employees/${id}`);
  await page.getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByTestId("archived-notice")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Verify Archie Archived" })).toBeVisible();
  await page.goto("/employees?q=Archie");
  await expect(page.getByTestId("employee-7702")).toBeVisible();
  const audit = await query<{ action: string }>(`SELECT action FROM audit_events WHERE target_id = $1 ORDER BY created_at`, [id]);
  expect(audit.map((a) => a.action)).toEqual(["employee.archived", "employee.unarchived"]);
});

test("an admin erases an employee at 360 px: row and sessions gone, one anonymised audit record, EasyFreelance untouched", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const id = await ensureEmployee(7703, "Erasmus", "Erase");
  const [{ email }] = await query<{ email: string }>(`SELECT email FROM employees WHERE id = $1`, [id]);
  await signIn(page, "admin@demo.test");
  await page.goto(`/employees/${id}`);

  // Edit details first, with a field error on the way (Add employee's rules), so there is audit data to scrub.
  await page.getByRole("button", { name: "Edit details" }).click();
  const edit = page.getByRole("dialog", { name: "Edit details of Erasmus Erase" });
  await expect(edit).toContainText("EasyFreelance keeps its own copy of these details");
  await edit.getByLabel("Email").fill("not-an-email");
  await edit.getByLabel("Internal id").fill("7703");
  await edit.getByRole("button", { name: "Save details" }).click();
  await expect(edit.getByText("Enter a valid email address.")).toBeVisible();
  await expect(edit.getByLabel("Internal id")).toHaveValue("7703");
  await edit.getByLabel("Email").fill(email);
  await edit.getByRole("button", { name: "Save details" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved: changed internal id.");
  const box = await edit.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(360);
  await edit.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Erase", exact: true }).click();
  const erase = page.getByRole("dialog", { name: "Erase Erasmus Erase" });
  await expect(erase).toContainText("EasyFreelance is not touched: the person's EasyFreelance account and their verification remain there.");
  await expect(erase.getByRole("button", { name: "Erase employee" })).toBeDisabled();
  await erase.getByLabel("Type Erasmus Erase to confirm").fill("Erasmus Erase");
  await erase.getByRole("button", { name: "Erase employee" }).click();
  await expect(page).toHaveURL(/\/employees\?erased=0$/);
  await expect(page.getByTestId("erased-notice")).toContainText("Employee erased from the portal");

  expect(await query(`SELECT id FROM employees WHERE id = $1 OR ef_user_id = 7703`, [id])).toEqual([]);
  const audit = await query<{ action: string; data: unknown; actor_label: string }>(
    `SELECT action, data, actor_label FROM audit_events WHERE target_id = $1 ORDER BY created_at`,
    [id],
  );
  expect(audit).toEqual([
    { action: "employee.updated", data: null, actor_label: "admin@demo.test" },
    { action: "employee.erased", data: { sessionsRemoved: 0 }, actor_label: "admin@demo.test" },
  ]);
  const [{ mentions }] = await query<{ mentions: number }>(`SELECT count(*)::int AS mentions FROM audit_events WHERE data::text ILIKE $1`, [
    `%${email}%`,
  ]);
  expect(mentions).toBe(0);
});

test("a viewer sees no correction buttons", async ({ page }) => {
  const id = await ensureEmployee(7704, "Vera", "Viewed");
  await query(`UPDATE employees SET archived_at = now() WHERE id = $1`, [id]);
  await signIn(page, "viewer@demo.test");
  await page.goto(`/employees/${id}`);
  await expect(page.getByRole("heading", { name: "Vera Viewed" })).toBeVisible();
  await expect(page.getByTestId("archived-notice")).toBeVisible();
  for (const name of ["Edit details", "Relink", "Archive", "Unarchive", "Erase"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByTestId("corrections")).toHaveCount(0);
});
