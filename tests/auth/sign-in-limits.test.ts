// Attacks on sign-in limits: locking an admin out by guessing from one address (denial of service),
// flooding the audit trail with refused attempts, and timing a refused attempt to learn whether an email
// belongs to a staff account. Small limits for this file only (each file has its own module graph).
process.env.RATE_LIMIT_SIGN_IN_ACCOUNT = "3/900";
process.env.RATE_LIMIT_SIGN_IN_ACCOUNT_ADDRESS = "3/900";

import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";

vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));
const { authorizeCredentials, SignInRateLimited, InvalidCredentials, slowdownMs } = await import("@/lib/auth/authorize");

const PASSWORD = "the-right-password-2026";
const hex = () => randomBytes(4).toString("hex");
const from = (address: string) => new Headers({ "x-forwarded-for": address });
const anAddress = () => `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}-${hex()}`;

async function account() {
  const email = `limits-${hex()}@example.test`;
  const staff = await prisma().staffUser.create({ data: { email, name: "Admin", role: "admin", passwordHash: await hashPassword(PASSWORD) } });
  return { email, id: staff.id };
}

async function attempt(email: string, password: string, headers: Headers) {
  const started = performance.now();
  try {
    const user = await authorizeCredentials({ email, password }, headers);
    return { outcome: "signed_in" as const, user, ms: performance.now() - started };
  } catch (error) {
    const outcome = error instanceof SignInRateLimited ? ("limited" as const) : error instanceof InvalidCredentials ? ("wrong" as const) : null;
    if (!outcome) throw error;
    return { outcome, ms: performance.now() - started };
  }
}

describe("an attacker guessing one admin's password from one address", () => {
  it("is stopped, while the admin signs in from another address with the right password", async () => {
    const admin = await account();
    const attacker = anAddress();
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await attempt(admin.email, `guess-${i}`, from(attacker))).outcome);
    expect(outcomes).toEqual(["wrong", "wrong", "wrong", "limited", "limited", "limited"]);
    // Even the right password is refused from the attacker's address ...
    expect((await attempt(admin.email, PASSWORD, from(attacker))).outcome).toBe("limited");
    // ... but not from the admin's own.
    const admins = await attempt(admin.email, PASSWORD, from(anAddress()));
    expect(admins.outcome).toBe("signed_in");
  });

  it("writes one audit entry per window for the refused attempts, not one per attempt", async () => {
    const admin = await account();
    const attacker = anAddress();
    for (let i = 0; i < 9; i++) await attempt(admin.email, `guess-${i}`, from(attacker));
    const limited = await prisma().auditEvent.count({ where: { targetId: admin.id, action: "auth.sign_in_limited" } });
    expect(limited).toBe(1);
    expect(await prisma().auditEvent.count({ where: { targetId: admin.id, action: "auth.sign_in_failed" } })).toBe(3);
  });
});

describe("guessing one account from many addresses", () => {
  it("is slowed down per account (not refused): past the limit each attempt waits longer", async () => {
    const admin = await account();
    for (let i = 0; i < 3; i++) await attempt(admin.email, `guess-${i}`, from(anAddress()));
    const slowed = [];
    for (let i = 0; i < 2; i++) slowed.push(await attempt(admin.email, `more-${i}`, from(anAddress())));
    expect(slowed.map((result) => result.outcome)).toEqual(["wrong", "wrong"]);
    // Lower bounds only (a busy machine makes everything slower, never faster): 0.5 s, then 1 s of waiting.
    expect(slowed[0].ms).toBeGreaterThanOrEqual(500);
    expect(slowed[1].ms).toBeGreaterThanOrEqual(1000);
    expect([1, 2, 3, 4, 5, 6].map(slowdownMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(slowdownMs(0)).toBe(0);
    // The right password still works, after the wait.
    expect((await attempt(admin.email, PASSWORD, from(anAddress()))).outcome).toBe("signed_in");
  });
});

describe("timing", () => {
  it("a refused (limited) attempt costs a password check whether or not the email is a staff account", async () => {
    const admin = await account();
    const stranger = `nobody-${hex()}@example.test`;
    const attacker = anAddress();
    const normal = (await attempt(stranger, "guess", from(anAddress()))).ms;
    for (let i = 0; i < 3; i++) {
      await attempt(admin.email, `guess-${i}`, from(attacker));
      await attempt(stranger, `guess-${i}`, from(attacker));
    }
    const onStaff = await attempt(admin.email, "guess", from(attacker));
    const onStranger = await attempt(stranger, "guess", from(attacker));
    expect([onStaff.outcome, onStranger.outcome]).toEqual(["limited", "limited"]);
    // Before: a limited attempt answered at once (no hash), and only a staff account's was audited.
    expect(onStranger.ms).toBeGreaterThan(normal * 0.5);
    expect(onStaff.ms).toBeGreaterThan(normal * 0.5);
  });
});
