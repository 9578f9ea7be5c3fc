// Password hashing: scrypt from node:crypto, off the request thread, no 72-byte limit, and bcrypt hashes
// from before still verify and are replaced at the next successful sign-in.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { TIMING_DECOY_HASH, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

vi.mock("next-auth", async () => ({ CredentialsSignin: (await import("@auth/core/errors")).CredentialsSignin }));
const { authorizeCredentials } = await import("@/lib/auth/authorize");

const headers = () => new Headers({ "x-forwarded-for": `10.${randomBytes(3).join(".")}` });

describe("password hashes", () => {
  it("are scrypt with the stated parameters, salted, and verify only the right password", async () => {
    const hash = await hashPassword("correct horse battery 9");
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await hashPassword("correct horse battery 9")).not.toBe(hash);
    expect(await verifyPassword("correct horse battery 9", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery 8", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("use every byte: two passwords that differ only after byte 72 are different (bcrypt ignored the rest)", async () => {
    const first72 = "a".repeat(60) + "0123456789ab"; // 72 bytes
    expect(Buffer.byteLength(first72)).toBe(72);
    const hash = await hashPassword(`${first72}-one`);
    expect(await verifyPassword(`${first72}-one`, hash)).toBe(true);
    expect(await verifyPassword(`${first72}-two`, hash)).toBe(false);
    expect(await verifyPassword(first72, hash)).toBe(false);
  });

  it("hash the same password typed in another Unicode normal form alike", async () => {
    const hash = await hashPassword("blåbærsyltetøy 2026".normalize("NFC"));
    expect(await verifyPassword("blåbærsyltetøy 2026".normalize("NFD"), hash)).toBe(true);
  });

  it("run off the event loop: timers keep firing while eight hashes are computed", async () => {
    let last = performance.now();
    let maxGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`parallel password ${i}!`)));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // On the request thread (bcryptjs's rounds, or scryptSync) the loop would stall for most of the run;
    // in the thread pool it keeps turning (the largest gap is a small part of the run, even on a busy machine).
    expect(maxGap).toBeLessThan(elapsed / 2);
    console.log(`[password] 8 scrypt hashes in ${Math.round(elapsed)} ms; longest event-loop stall ${Math.round(maxGap)} ms`);
  });

  it("refuse malformed and unknown hashes, and the timing decoy matches nothing typed", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "$scrypt$ln=40,r=8,p=1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("", TIMING_DECOY_HASH)).toBe(false);
    expect(needsRehash(TIMING_DECOY_HASH)).toBe(false);
  });

  it("still verify bcrypt hashes from before, which need rehashing", async () => {
    const legacy = await bcrypt.hash("legacy password 42", 4);
    expect(await verifyPassword("legacy password 42", legacy)).toBe(true);
    expect(await verifyPassword("legacy password 43", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });
});

describe("upgrade at sign-in", () => {
  it("replaces a bcrypt hash with scrypt at the next successful sign-in, not at a failed one", async () => {
    const email = `legacy-${randomBytes(4).toString("hex")}@example.test`;
    const legacy = await bcrypt.hash("legacy password 42", 4);
    const row = await prisma().staffUser.create({ data: { email, name: "Legacy", role: "hr", passwordHash: legacy } });

    await expect(authorizeCredentials({ email, password: "wrong password 42" }, headers())).rejects.toThrow();
    expect((await prisma().staffUser.findUniqueOrThrow({ where: { id: row.id } })).passwordHash).toBe(legacy);

    await expect(authorizeCredentials({ email, password: "legacy password 42" }, headers())).resolves.toMatchObject({ id: row.id });
    const upgraded = (await prisma().staffUser.findUniqueOrThrow({ where: { id: row.id } })).passwordHash;
    expect(upgraded).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(await verifyPassword("legacy password 42", upgraded ?? "")).toBe(true);
    // And the upgraded account signs in again.
    await expect(authorizeCredentials({ email, password: "legacy password 42" }, headers())).resolves.toMatchObject({ id: row.id });
  });
});
