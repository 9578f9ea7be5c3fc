// The portal was built and started with known fake EasyFreelance credentials (scripts/lib/fake-credentials.ts).
// They, and the Auth.js secret, must appear in no client bundle, no served page or script, and no log line
// of a verify journey, including failing ones.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_AUTH_SECRET, FAKE_EASYFREELANCE } from "../scripts/lib/fake-credentials";
import { employeeRow, query, sandbox, signIn, confirmReverifyIfAsked } from "./support";

const SECRETS = { token: FAKE_EASYFREELANCE.token, apiKey: FAKE_EASYFREELANCE.apiKey, authSecret: E2E_AUTH_SECRET };

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret) || text.includes(Buffer.from(secret).toString("base64")))
    .map(([name]) => name);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test("no client bundle contains a secret", () => {
  const bundle = files(join(".next", "static"));
  expect(bundle.length).toBeGreaterThan(10);
  const found = bundle.filter((file) => leaks(readFileSync(file, "latin1")).length > 0);
  expect(found).toEqual([]);
});

test("a verify journey, with failing starts and refreshes, leaks no secret into pages, scripts or logs", async ({ page, context }) => {
  const served: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|javascript|json|text\/x-component/.test(type)) served.push(await response.text().catch(() => ""));
  });

  await signIn(page, "admin@demo.test");
  const startWith = async (efUserId: number, name: string) => {
    // Found by name: other specs add employees, so the first page of the list may not hold them.
    await page.goto(`/employees?q=${encodeURIComponent(name.split(" ").at(-1)!)}`);
    await employeeRow(page, efUserId)
      .getByRole("button", { name: `Verify ${name}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Verify ${name}` });
    await dialog.getByLabel("BankID").check();
    await confirmReverifyIfAsked(dialog);
    await dialog.getByRole("button", { name: "Start verification" }).click();
    return dialog;
  };

  // Failing starts: EasyFreelance refuses the credentials, errors, answers garbage, or times out.
  for (const kind of ["unauthorized", "forbidden", "server_error", "malformed", "html", "validation"] as const) {
    await sandbox.faults.add({ endpoint: "flows", times: 1, fault: { kind } });
    const dialog = await startWith(1006, "Piotr Nowak");
    await expect(dialog.getByRole("alert")).toBeVisible();
  }
  await sandbox.faults.clear();

  // A start that works, then failing status refreshes, then the real result.
  const dialog = await startWith(1006, "Piotr Nowak");
  await expect(dialog.getByRole("status")).toContainText("Verification started");
  const link = await dialog.getByLabel("Verification link").inputValue();
  await sandbox.faults.add({ endpoint: "status", times: 3, fault: { kind: "unauthorized" } });
  const employee = await context.newPage();
  employee.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (response.url().startsWith(page.url().split("/employees")[0]) && /html|javascript|json/.test(type))
      served.push(await response.text().catch(() => ""));
  });
  await employee.goto(link);
  await employee.getByRole("button", { name: "Decline", exact: true }).click();
  await expect(employee.getByRole("heading", { name: "Identiteten ble ikke bekreftet" })).toBeVisible({ timeout: 30_000 });
  await sandbox.faults.clear();

  for (const path of ["/employees", "/staff", "/audit", "/audit/export", "/login"]) served.push(await (await page.request.get(path)).text());
  const failed = await query<{ failure_reason: string }>(`SELECT failure_reason FROM verification_sessions WHERE failure_reason IS NOT NULL`);
  expect(failed.length).toBeGreaterThanOrEqual(6);

  expect(served.length).toBeGreaterThan(10);
  expect(served.flatMap(leaks)).toEqual([]);
  expect(failed.flatMap((row) => leaks(row.failure_reason))).toEqual([]);
  const log = readFileSync(join(".data", "e2e", "server.log"), "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect(leaks(log)).toEqual([]);
  expect(leaks(readFileSync(join(".data", "e2e", "build.log"), "utf8"))).toEqual([]);
});
