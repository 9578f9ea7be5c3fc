import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { SandboxControl } from "../sandbox/control-client";

export const DEMO_PASSWORD = "demo-password-2026";

type Stack = { appUrl: string; sandboxUrl: string; databaseUrl: string; smtpUrl?: string };
export function stack(): Stack {
  return JSON.parse(readFileSync(".data/e2e/stack.json", "utf8")) as Stack;
}

export async function signIn(page: Page, email = "admin@demo.test", password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
}

export async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stack().databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Lifts the pause a 429 puts on every EasyFreelance call until its Retry-After (on purpose), so the next test need not wait. */
export async function resumeUpstreamCalls(): Promise<void> {
  await query(`UPDATE upstream_budgets SET paused_until = NULL`);
}

/** The sandbox's control API (faults, request log, users, state): see sandbox/control-client.ts. */
export const sandbox = new SandboxControl(() => stack().sandboxUrl);

export function employeeRow(page: Page, efUserId: number) {
  return page.getByTestId(`employee-${efUserId}`);
}

/** An employee of this spec's own (EasyFreelance id not used by any other spec), created once. */
export async function ensureEmployee(efUserId: number, firstName: string, lastName: string): Promise<string> {
  await query(
    `INSERT INTO employees (id, ef_user_id, email, first_name, last_name, updated_at)
     VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (ef_user_id) DO NOTHING`,
    [`e2e-${efUserId}`, efUserId, `${firstName}.${lastName}.${efUserId}@e2e.test`.toLowerCase(), firstName, lastName],
  );
  const [row] = await query<{ id: string }>(`SELECT id FROM employees WHERE ef_user_id = $1`, [efUserId]);
  return row.id;
}

/** Ticks the Verify dialog's "Start a new verification anyway" when the employee is already verified
 * (specs share the demo employees, and an earlier spec may have verified one). */
export async function confirmReverifyIfAsked(dialog: Locator) {
  const confirm = dialog.getByLabel("Start a new verification anyway");
  if (await confirm.isVisible()) await confirm.check();
}
