// A Norwegian HR user reads the portal's error messages in Norwegian too: a field error from the server's
// check of Add employee, and a Verify that EasyFreelance fails (the sandbox's fault for one employee only),
// including the EasyFreelance client's own sentence inside it.
import { expect, test } from "@playwright/test";
import { employeeRow, ensureEmployee, sandbox } from "./support";

const EF_USER_ID = 7611;
const NAME = "Feil Norskesen";

test.use({ locale: "nb-NO" });

test("a Norwegian HR user sees a Norwegian field error and a Norwegian Verify failure", async ({ page }) => {
  await ensureEmployee(EF_USER_ID, "Feil", "Norskesen");
  await page.goto("/login");
  await page.getByLabel(/^E-post/).fill("hr@demo.test");
  await page.getByLabel(/^Passord/).fill("demo-password-2026");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { name: "Ansatte" })).toBeVisible();

  // Add employee: the server refuses the email, in Norwegian, and keeps what was typed.
  await page.goto("/employees/new");
  await page.getByLabel(/^E-post/).fill("ikke-en-e-postadresse");
  await page.getByRole("button", { name: "Legg til ansatt" }).click();
  await expect(page.getByText("Skriv inn en gyldig e-postadresse.")).toBeVisible();
  await expect(page.getByLabel(/^E-post/)).toHaveValue("ikke-en-e-postadresse");

  // Verify while EasyFreelance answers 500 for this employee: the whole message is Norwegian.
  const fault = await sandbox.faults.add({ endpoint: "flows", userId: EF_USER_ID, fault: { kind: "server_error" } });
  try {
    await page.goto(`/employees?q=${encodeURIComponent("Norskesen")}`);
    await employeeRow(page, EF_USER_ID)
      .getByRole("button", { name: `Bekreft identiteten til ${NAME}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `Bekreft identiteten til ${NAME}` });
    await dialog.getByLabel("BankID").check();
    await dialog.getByRole("button", { name: "Start identitetsbekreftelse" }).click();
    await expect(dialog.getByRole("alert")).toHaveText(
      "Bekreftelsen ble ikke startet: EasyFreelance har en feil på sin side (HTTP 500). Prøv igjen om noen minutter. Skjer det flere ganger, ta kontakt med EasyFreelance kundestøtte.",
      { timeout: 20_000 },
    );
  } finally {
    await sandbox.faults.remove(fault.id);
  }
});
