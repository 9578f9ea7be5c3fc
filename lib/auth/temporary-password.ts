import "server-only";
import { randomInt } from "node:crypto";
import { passwordProblemKey } from "./password-policy";

// An admin's reset issues a temporary password, shown once to the admin (never stored in clear, logged or
// audited), that the user must replace at the first sign-in and that stops working after this long.
export const TEMPORARY_PASSWORD_HOURS = 72;

// No look-alikes (0/o, 1/l/i): it is read aloud or typed from a screen.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** 20 random characters in groups of five (about 99 bits), e.g. "k7m2p-xq9ra-…", which the password rule accepts. */
export function newTemporaryPassword(email: string): string {
  for (;;) {
    const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    const password = chars.match(/.{5}/g)!.join("-");
    if (!passwordProblemKey(password, email)) return password;
  }
}

export function temporaryPasswordExpiry(now = new Date()): Date {
  return new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3_600_000);
}
