import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a request may run the scheduled sweep. Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`;
 * the comparison is constant-time (over SHA-256 digests, so the length is not revealed either). Without a
 * CRON_SECRET a production server refuses everyone; a development server lets the sweep run.
 */
export function authorizeCron(authorization: string | null, secret: string | undefined, production: boolean): boolean {
  if (!secret) return !production;
  if (!authorization) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`));
}
