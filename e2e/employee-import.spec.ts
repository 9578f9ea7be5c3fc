// CSV import: upload a file with 5 bad rows among good ones (and one EasyFreelance refuses), see the dry run,
// import, watch it finish, download the report.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";

test("HR imports employees from a CSV with bad rows: dry run, import, report", async ({ page }) => {
  const tag = randomBytes(4).toString("hex");
  const good = Array.from({ length: 6 }, (_, i) => `imp${i}.${tag}@e2e.test;Ola${i};Nordmann-Ødegård;;+47 912 34 5${i}${i};nb`);
  const bad = [
    `not-an-email;Bad;Email;;;`,
    `imp0.${tag}@e2e.test;Dup;Licate;;;`,
    `missing.${tag}@e2e.test;;;;;`,
    `phone.${tag}@e2e.test;Bad;Phone;;12;`,
    `lang.${tag}@e2e.test;Bad;Lang;;;klingon`,
  ];
  const csv = "\uFEFF" + ["E-post;Fornavn;Etternavn;Ansattnummer;Telefon;Språk", ...good.slice(0, 3), ...bad, ...good.slice(3)].join("\r\n");

  await signIn(page, "hr@demo.test");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import employees from CSV" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "ansatte.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check file" }).click();

  // The dry run: every row, the bad ones with their reasons; nothing sent yet.
  await expect(page.getByRole("heading", { name: "Dry run" })).toBeVisible();
  await expect(page.getByTestId("dry-run-summary")).toHaveText("11 rows: 6 to send to EasyFreelance, 0 already in the portal, 5 with errors.");
  await expect(page.getByTestId("import-row-5")).toContainText("Email: not a valid email address");
  await expect(page.getByTestId("import-row-6")).toContainText("Email: the same email as row 2");
  await expect(page.getByTestId("import-row-7")).toContainText("First name: missing; Last name: missing");
  await expect(page.getByTestId("import-row-8")).toContainText("Phone: must be 4 to 15 digits");
  await expect(page.getByTestId("import-row-9")).toContainText("Language: must be nb (Norwegian) or en (English)");
  await expect(page.getByTestId("import-row-2")).toContainText("Will be sent");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-counts")).toHaveText(
    "6 of 6 done: 6 added, 0 already in the portal, 0 failed; 5 not imported because of errors.",
  );
  await expect(page.getByTestId("import-row-2")).toContainText("Added");
  const [employee] = await query<{ first_name: string; last_name: string }>(`SELECT first_name, last_name FROM employees WHERE email = $1`, [
    `imp0.${tag}@e2e.test`,
  ]);
  expect(employee).toEqual({ first_name: "Ola0", last_name: "Nordmann-Ødegård" });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download report (CSV)" }).click();
  const report = readFileSync(await (await download).path(), "utf8");
  expect(report.startsWith("\uFEFF")).toBe(true);
  const lines = report.slice(1).trim().split("\r\n");
  expect(lines[0]).toBe('"Row","Email","First name","Last name","Internal id","Phone","Language","Result","Errors"');
  expect(lines).toHaveLength(12);
  expect(lines[1]).toBe(`"2","imp0.${tag}@e2e.test","Ola0","Nordmann-Ødegård","","4791234500","nb","Added",""`);
  expect(lines[4]).toContain('"Not imported (errors)","Email: not a valid email address"');

  // The same file again: everyone is already linked, nobody twice.
  await page.goto("/employees/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "ansatte.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("dry-run-summary")).toHaveText("11 rows: 0 to send to EasyFreelance, 6 already in the portal, 5 with errors.");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText(
    "6 of 6 done: 0 added, 6 already in the portal, 0 failed; 5 not imported because of errors.",
    { timeout: 60_000 },
  );
  const [{ count }] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM employees WHERE email LIKE $1`, [`imp%.${tag}@e2e.test`]);
  expect(count).toBe(6);
});
