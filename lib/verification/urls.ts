import "server-only";
import { env } from "@/lib/env";
import { appUrlOf } from "@/lib/env-schema";

/** The return URL to register with EasyFreelance; every flow's return URL is this base plus a reference. */
export function returnUrlBase(): string {
  return new URL("/return", env().APP_URL).toString();
}

export function returnUrlFor(reference: string): string {
  return new URL(`/return/${reference}`, env().APP_URL).toString();
}

/** EasyFreelance's app, where the employee finishes onboarding (terms, profile, bank details). */
export function easyFreelanceAppUrl(): string {
  return appUrlOf(env());
}
