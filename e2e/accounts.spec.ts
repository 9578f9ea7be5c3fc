// Staff accounts with real cookies in Chromium: signing out ends every session of the user, an admin's reset
// ends them too and issues a temporary password shown once, and two-step verification from enrolment (QR
// code, recovery codes) to the code step of sign-in.
import bcrypt from "bcryptjs";
import { generate } from "otplib";
import { expect, test, type Browser } from "@playwright/test";
import { query, signIn } from "./support";

const PASSWORD = "an e2e pass phrase 42";

/** A staff member of this test's own, with a legacy bcrypt hash (upgraded to scrypt at the first sign-in). */
async function newStaff(role: "hr" | "viewer" = "hr") {
  const email = `acct-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@e2e.test`;
  await query(`INSERT INTO staff_users (id, email, name, password_hash, role, updated_at) VALUES ($1, $2, $3, $4, $5, now())`, [
    `acct-${email}`,
    email,
    `Account ${email.slice(5, 18)}`,
    await bcrypt.hash(PASSWORD, 4),
    role,
  ]);
  return email;
}

async function signedInContext(browser: Browser, email: string, password = PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test("signing out on one device ends the session on every other device (the cookie stays, the server refuses it)", async ({ browser }) => {
  const email = await newStaff();
  const laptop = await signedInContext(browser, email);
  const phone = await signedInContext(browser, email);
  const [hash] = await query<{ password_hash: string }>(`SELECT password_hash FROM staff_users WHERE email = $1`, [email]);
  expect(hash.password_hash).toMatch(/^\$scrypt\$/);

  await laptop.page.getByRole("button", { name: "Sign out" }).click();
  await expect(laptop.page).toHaveURL(/\/login$/);

  // The other device still holds its cookie, and it no longer opens anything.
  expect((await phone.context.cookies()).some((cookie) => cookie.name.includes("authjs.session-token"))).toBe(true);
  const answer = await phone.page.request.get("/employees", { maxRedirects: 0 });
  expect(answer.status()).toBe(307);
  expect(answer.headers()["location"]).toMatch(/\/login$/);
  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/login$/);
  const revoked = await query(`SELECT data FROM audit_events WHERE action = 'auth.sessions_revoked' AND data->>'email' = $1`, [email]);
  expect(revoked).toEqual([{ data: { email, reason: "signed_out" } }]);
  await laptop.context.close();
  await phone.context.close();
});

test("an admin's reset ends the user's sessions and shows a temporary password once, which must be changed", async ({ page, browser }) => {
  const email = await newStaff("viewer");
  const user = await signedInContext(browser, email);
  await signIn(page, "admin@demo.test");
  await page.goto("/staff");
  const row = page.getByTestId(`staff-${email}`);
  await row.locator("summary").click();
  await row.getByRole("button", { name: /^Reset password of / }).click();
  const temporary = (await row.getByTestId("temporary-password").textContent())!.trim();
  expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  // Shown once: not after a reload.
  await page.reload();
  expect(await page.content()).not.toContain(temporary);

  await user.page.reload();
  await expect(user.page).toHaveURL(/\/login$/);
  await user.page.getByLabel("Email").fill(email);
  await user.page.getByLabel("Password").fill(temporary);
  await user.page.getByRole("button", { name: "Sign in" }).click();
  await expect(user.page).toHaveURL(/\/account$/);
  await expect(user.page.getByText("Choose your own password before you continue")).toBeVisible();
  await user.context.close();
});

test("two-step verification: enrol with the QR code, then sign-in asks for the code; a recovery code works once", async ({ page }) => {
  const email = await newStaff();
  await signIn(page, email, PASSWORD);
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Two-step verification is on.")).toBeVisible();
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((code) => code.trim());
  expect(codes).toHaveLength(10);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signing in as ${email}`)).toBeVisible();
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not valid" })).toBeVisible();
  // The next step's code (the enrolment used this one).
  await page.getByLabel("Code").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Code").fill(codes[0]);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Employees" })).toBeVisible();
});

test("the sign-in page speaks Norwegian to a Norwegian browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "nb-NO" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
  await page.getByLabel("E-post").fill("nobody@e2e.test");
  await page.getByLabel("Passord").fill("wrong password 1");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Feil e-post eller passord." })).toBeVisible();
  await context.close();
});
