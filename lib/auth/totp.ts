import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { env } from "@/lib/env";

// TOTP (RFC 6238: SHA-1, 6 digits, 30 s, what every authenticator app reads) through otplib, a maintained
// library; QR codes as SVG through `qrcode`. Secrets are encrypted at rest, so a copy of the database alone
// does not give away second factors: AES-256-GCM with a key derived (HKDF) from AUTH_SECRET. Rotating
// AUTH_SECRET therefore turns every enrolment off in effect; README, Security, says so.

const ISSUER = "EasyFreelance partner portal";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "", "easyfreelance-portal/totp-secret/v1", 32));
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(".");
}

export function decryptSecret(sealed: string): string | null {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    // Another AUTH_SECRET, or tampered with: the same as no enrolment that works.
    return null;
  }
}

/** A new secret (20 random bytes, base32) with what the enrolment page shows: the otpauth URI as a QR code. */
export async function newEnrolment(email: string): Promise<{ secret: string; qrSvg: string }> {
  const secret = generateSecret({ length: 20 });
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, qrSvg };
}

/**
 * The time step a code belongs to when it is valid for `secret` (this 30 s step or one either side, for a
 * slow typist or a phone clock a little off), newer than `afterStep` (a code is never accepted twice).
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) }).catch(() => ({
    valid: false as const,
  }));
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// Recovery codes: 10 codes of 16 base32 characters (80 random bits) shown once, as "abcd-efgh-ijkl-mnop".
// Stored as SHA-256: with 80 random bits a slow hash adds nothing, and a lookup stays one indexed read.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no l/o/0/1
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(16)].map((byte) => ALPHABET[byte % 32]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** Whether the typed text has the shape of a recovery code (rather than a 6-digit TOTP code). */
export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 16;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}
