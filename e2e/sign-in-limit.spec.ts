import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { query } from "./support";

const password = "Right password for limits 1";

test("sign-in attempts per account and address are limited: past the limit even the right password is refused from that address, also on Auth.js's own route, but not from another address", async ({
  page,
  request,
}) => {
  const email = `limited.${Date.now()}@demo.test`;
  await query(
    `INSERT INTO staff_users (id, email, name, password_hash, role, active, updated_at) VALUES ($1, $2, 'Limited', $3, 'hr', true, now())`,
    [`limited-${Date.now()}`, email, await bcrypt.hash(password, 4)],
  );

  await page.goto("/login");
  // The default per-(account, address) limit is 10 attempts in 15 minutes.
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await page.goto("/login");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Too many sign-in attempts\. Wait \d+ minutes? and try again\.$/ })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // Posting to Auth.js's callback route directly goes through the same check.
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: "/employees" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toContain("code=rate_limited");
  expect(response.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token");

  const audit = await query<{ action: string }>(`SELECT action FROM audit_events WHERE target_id IN (SELECT id FROM staff_users WHERE email = $1)`, [
    email,
  ]);
  expect(audit.filter((row) => row.action === "auth.sign_in_failed")).toHaveLength(10);
  // One entry for the window's refusals, not one per refused attempt.
  expect(audit.filter((row) => row.action === "auth.sign_in_limited")).toHaveLength(1);

  // The owner, from another address (the stack trusts one proxy hop: the last X-Forwarded-For entry), gets in.
  const csrfElsewhere = await request.get("/api/auth/csrf", { headers: { "x-forwarded-for": "198.51.100.20" } });
  const fromElsewhere = await request.post("/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": "198.51.100.20" },
    form: { csrfToken: ((await csrfElsewhere.json()) as { csrfToken: string }).csrfToken, email, password, callbackUrl: "/employees" },
    maxRedirects: 0,
  });
  expect(fromElsewhere.status()).toBe(302);
  expect(fromElsewhere.headers()["location"]).not.toContain("error");
  expect(fromElsewhere.headers()["set-cookie"] ?? "").toContain("authjs.session-token");
});
