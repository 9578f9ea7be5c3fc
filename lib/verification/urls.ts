import "server-only";
import { env } from "@/lib/env";

/** The return URL to register with EasyFreelance; every flow's return URL is this base plus a reference. */
export function returnUrlBase(): string {
  return new URL("/return", env().APP_URL).toString();
}

export function returnUrlFor(reference: string): string {
  return new URL(`/return/${reference}`, env().APP_URL).toString();
}

/**
 * EasyFreelance's app, where the employee finishes onboarding (terms, profile, bank details):
 * EASYFREELANCE_APP_URL, else the API base without its /api/… path (https://app.easyfreelance.no/api/v1
 * gives https://app.easyfreelance.no/).
 */
export function easyFreelanceAppUrl(): string {
  const { EASYFREELANCE_APP_URL, EASYFREELANCE_BASE_URL } = env();
  if (EASYFREELANCE_APP_URL) return EASYFREELANCE_APP_URL;
  const base = new URL(EASYFREELANCE_BASE_URL);
  base.pathname = base.pathname.replace(/\/api(\/.*)?$/, "") || "/";
  base.search = "";
  base.hash = "";
  return base.toString();
}
