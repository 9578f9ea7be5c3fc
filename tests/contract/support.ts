// Contract tests: the portal's real EasyFreelance client against the sandbox, over real HTTP. The
// sandbox's partner 1 holds the distinctive fake secrets of the client tests, so every text the client
// produces can be searched for them (expectNoSecrets).
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { EasyFreelanceClientConfig } from "@/lib/easyfreelance/client";
import { FAKE_API_KEY, FAKE_TOKEN, makeClient } from "../easyfreelance/helpers";
import { sandboxForThisFile } from "../support/sandbox";

export const RETURN_BASE = "https://portal.example.com/return";
export const OTHER_TOKEN = "7|otherPartnerTokenNotASecretButDistinct";
export const OTHER_API_KEY = "0d9f1c2a-3b4e-4f5a-8b6c-7d8e9fa0b1c2";

/** The sandbox of this contract test file (see sandboxForThisFile; the portal's configuration stays untouched). */
export function contractSandboxForThisFile() {
  return sandboxForThisFile(
    {
      port: 0,
      partners: [
        { id: 1, token: FAKE_TOKEN, apiKey: FAKE_API_KEY },
        { id: 2, token: OTHER_TOKEN, apiKey: OTHER_API_KEY },
      ],
      approvedReturnUrls: [RETURN_BASE],
    },
    false,
  );
}

/** The production client pointed at the sandbox as partner 1 (no real waiting between retries). */
export function partnerClient(sb: { apiBaseUrl: string }, overrides: Partial<EasyFreelanceClientConfig> = {}) {
  return makeClient({ baseUrl: sb.apiBaseUrl }, overrides);
}

/** A fetch that asks the sandbox for a fault on every request (the X-Sandbox-Fault header). */
export function faultyFetch(header: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("X-Sandbox-Fault", header);
    return fetch(input, { ...init, headers });
  };
}

/** The employee finishes the hosted flow with an outcome; returns where the browser is sent. */
export async function finishFlow(verificationUrl: string, outcome: "approve" | "decline" | "cancel" | "error"): Promise<URL> {
  const response = await fetch(verificationUrl, { method: "POST", body: new URLSearchParams({ outcome }), redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

export function returnUrl(): string {
  return `${RETURN_BASE}/${randomUUID().replace(/-/g, "")}`;
}

let nextUser = 5000 + Math.floor(Math.random() * 1000) * 10;
/** A fresh simulated EasyFreelance user id, so tests never share state. */
export function freshUserId(): number {
  nextUser += 1;
  return nextUser;
}
