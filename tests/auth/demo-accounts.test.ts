// The demo accounts (@demo.test, public password) cannot sign in to a production build unless
// ALLOW_DEMO_ACCOUNTS=1 (set by the e2e and benchmark stacks); other accounts are unaffected.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
const { authorizeCredentials, InvalidCredentials } = await import("@/lib/auth/authorize");
import { demoAccountsAllowed, isDemoAccount } from "@/lib/auth/demo-accounts";

// next-auth's entry imports next/server, which only resolves inside Next.js; its error classes are @auth/core's.
vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));

const PASSWORD = "demo-password-2026";
const original = { NODE_ENV: process.env.NODE_ENV, ALLOW_DEMO_ACCOUNTS: process.env.ALLOW_DEMO_ACCOUNTS };

afterEach(() => {
  for (const [key, value] of Object.entries(original)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

async function account(domain: string) {
  const email = `staff-${randomBytes(4).toString("hex")}${domain}`;
  await prisma().staffUser.create({ data: { email, name: "Demo", role: "admin", passwordHash: await hashPassword(PASSWORD) } });
  return email;
}

// Each attempt from its own address: the per-address limit is shared with other test files.
const headers = () => new Headers({ "x-forwarded-for": `10.${randomBytes(3).join(".")}` });

describe("demo accounts", () => {
  it("knows a demo account and when they are allowed", () => {
    expect(isDemoAccount("Admin@Demo.Test")).toBe(true);
    expect(isDemoAccount("admin@demo.test.example.no")).toBe(false);
    expect(demoAccountsAllowed({ NODE_ENV: "development" })).toBe(true);
    expect(demoAccountsAllowed({ NODE_ENV: "test" })).toBe(true);
    expect(demoAccountsAllowed({ NODE_ENV: "production" })).toBe(false);
    expect(demoAccountsAllowed({ NODE_ENV: "production", ALLOW_DEMO_ACCOUNTS: "true" })).toBe(false);
    expect(demoAccountsAllowed({ NODE_ENV: "production", ALLOW_DEMO_ACCOUNTS: "1" })).toBe(true);
  });

  it("refuses a demo account's right password in production, as if it were wrong, and audits no sign-in", async () => {
    const email = await account("@demo.test");
    setEnv({ NODE_ENV: "production", ALLOW_DEMO_ACCOUNTS: undefined });
    await expect(authorizeCredentials({ email, password: PASSWORD }, headers())).rejects.toBeInstanceOf(InvalidCredentials);
    const staff = await prisma().staffUser.findUniqueOrThrow({ where: { email } });
    expect(await prisma().auditEvent.count({ where: { targetId: staff.id, action: "auth.sign_in" } })).toBe(0);
  });

  it("lets it sign in in production with ALLOW_DEMO_ACCOUNTS=1, and outside production", async () => {
    const email = await account("@demo.test");
    setEnv({ NODE_ENV: "production", ALLOW_DEMO_ACCOUNTS: "1" });
    await expect(authorizeCredentials({ email, password: PASSWORD }, headers())).resolves.toMatchObject({ email });
    setEnv({ NODE_ENV: "development", ALLOW_DEMO_ACCOUNTS: undefined });
    await expect(authorizeCredentials({ email, password: PASSWORD }, headers())).resolves.toMatchObject({ email });
  });

  it("leaves other accounts alone in production", async () => {
    const email = await account("@example.test");
    setEnv({ NODE_ENV: "production", ALLOW_DEMO_ACCOUNTS: undefined });
    await expect(authorizeCredentials({ email, password: PASSWORD }, headers())).resolves.toMatchObject({ email });
    await expect(authorizeCredentials({ email, password: "wrong password 1" }, headers())).rejects.toBeInstanceOf(InvalidCredentials);
  });
});
