import "server-only";
import { env } from "@/lib/env";

/** The return URL to register with EasyFreelance; every flow's return URL is this base plus a reference. */
export function returnUrlBase(): string {
  return new URL("/return", env().APP_URL).toString();
}

export function returnUrlFor(reference: string): string {
  return new URL(`/return/${reference}`, env().APP_URL).toString();
}
