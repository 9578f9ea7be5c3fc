import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import bcrypt from "bcryptjs";

// scrypt (RFC 7914) from node:crypto: the async form runs in libuv's thread pool, off the request thread, and
// has no length limit (bcrypt silently ignored every byte after the 72nd). N = 2^15, r = 8, p = 1 is OWASP's
// recommended minimum and uses 32 MiB per hash; ~75 ms on our 2-core machines (measured) (tests/auth/password.test.ts
// measures it). Parameters are stored in each hash, so raising them later still verifies old hashes and
// `needsRehash` upgrades them at the next sign-in.
const PARAMS = { ln: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

type Params = { ln: number; r: number; p: number };

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  const N = 2 ** params.ln;
  // Node refuses a cost above maxmem (default 32 MiB); allow twice what these parameters need.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on another keyboard or OS yields the same bytes.
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64, PHC string style). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return `$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

const SCRYPT_HASH = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Checks a password against a scrypt hash, or a legacy bcrypt hash (`$2a$`/`$2b$`, upgraded at sign-in). */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = SCRYPT_HASH.exec(hash);
  if (match) {
    const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
    if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.p < 1) return false;
    const expected = Buffer.from(match[5], "base64");
    const key = await derive(password, Buffer.from(match[4], "base64"), params);
    return key.length === expected.length && timingSafeEqual(key, expected);
  }
  if (/^\$2[aby]\$/.test(hash)) return bcrypt.compare(password, hash);
  return false;
}

/** Whether a hash that just verified should be replaced by one with today's algorithm and parameters. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(`$scrypt$ln=${PARAMS.ln},r=${PARAMS.r},p=${PARAMS.p}$`);
}

// Compared against when the account does not exist, so a wrong email costs as long as a wrong password.
// (Password "decoy", hashed with today's parameters.)
export const TIMING_DECOY_HASH = "$scrypt$ln=15,r=8,p=1$TSuIm96Qs57AdOG7dNA14w==$P27rjWZQ9zYnvyLZczlQ49dE+dckGiKQTwu1LM4P0Z8=";
