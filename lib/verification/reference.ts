import { randomBytes } from "node:crypto";

// The public handle of a session in our return URL and status page: 192 random bits, so it cannot
// be guessed or enumerated, and it reveals neither the upstream id nor the employee.
export function newSessionReference(): string {
  return randomBytes(24).toString("base64url");
}

const REFERENCE_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function isSessionReference(value: unknown): value is string {
  return typeof value === "string" && REFERENCE_PATTERN.test(value);
}
