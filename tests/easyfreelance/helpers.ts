// Shared test helpers: distinctive fake secrets, a client wired to the fake server, and a record of
// every piece of text the client produced (errors, causes, log lines) to prove no secret leaks.
import { inspect } from "node:util";
import { expect } from "vitest";
import { createEasyFreelanceClient, type EasyFreelanceClientConfig } from "@/lib/easyfreelance/client";
import { EasyFreelanceError, isEasyFreelanceError } from "@/lib/easyfreelance/errors";
import type { FakeEasyFreelance } from "./fixture";

export const FAKE_TOKEN = "42|ZZtokSECRETq8w7e6r5t4y3u2i1o0pZZ";
export const FAKE_API_KEY = "d3adb33f-5ec7-4e7a-9c1d-feedfacecafe";
const SECRET_NEEDLES = [FAKE_TOKEN, FAKE_API_KEY, "ZZtokSECRET", "feedfacecafe"].map((s) => s.toLowerCase());

/** Every string the client produced in this test file. */
export const captured: string[] = [];

export interface LogEntry {
  message: string;
  meta?: Record<string, unknown>;
}

export function captureText(...texts: string[]): void {
  captured.push(...texts);
}

export function captureError(error: unknown): void {
  if (error instanceof Error) {
    captured.push(error.message, String(error), error.stack ?? "", JSON.stringify(error), String(error.cause), inspect(error, { depth: 6 }));
  }
  if (isEasyFreelanceError(error)) {
    captured.push(
      error.safeMessage,
      error.upstreamMessage ?? "",
      JSON.stringify(error.fieldErrors ?? {}),
      JSON.stringify(error.inputFieldErrors ?? {}),
    );
  }
}

export function expectNoSecrets(texts: readonly string[] = captured): void {
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const needle of SECRET_NEEDLES) expect(lower, "a secret leaked").not.toContain(needle);
  }
}

export function makeClient(fake: FakeEasyFreelance | { baseUrl: string }, overrides: Partial<EasyFreelanceClientConfig> = {}) {
  const logs: LogEntry[] = [];
  const sleeps: number[] = [];
  const client = createEasyFreelanceClient({
    baseUrl: fake.baseUrl,
    token: FAKE_TOKEN,
    apiKey: FAKE_API_KEY,
    timeoutMs: 2_000,
    logger: {
      warn(message, meta) {
        logs.push({ message, meta });
        captured.push(message, JSON.stringify(meta ?? {}), inspect(meta, { depth: 6 }));
      },
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, logs, sleeps };
}

/** Awaits a promise that must reject with an EasyFreelanceError, records it, and returns it. */
export async function expectFailure(promise: Promise<unknown>): Promise<EasyFreelanceError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to fail").toBeDefined();
  captureError(caught);
  expect(isEasyFreelanceError(caught)).toBe(true);
  return caught as EasyFreelanceError;
}

export const VERIFICATION_ID = "7f1c2a9e-3b4d-4e5f-8a6b-9c0d1e2f3a4b";

export function flowAnswer(overrides: Record<string, unknown> = {}) {
  return {
    verification_id: VERIFICATION_ID,
    provider: "veriff",
    status: "pending",
    // The fake runs on a loopback address, and a verification_url must be on EasyFreelance's (here: its) host.
    verification_url: "http://127.0.0.1/verify/bounce/abc",
    status_check_url: `https://app.easyfreelance.no/api/v1/verification/status/${VERIFICATION_ID}`,
    expires_at: "2025-06-01T12:30:00Z",
    ...overrides,
  };
}

export function statusAnswer(overrides: Record<string, unknown> = {}) {
  return {
    verification_id: VERIFICATION_ID,
    user_id: 17,
    provider: "veriff",
    id_type: "local",
    status: "pending",
    completed_at: null,
    next_action: "continue_verification",
    onboarding: {
      steps: { id_verification: false, terms: true, profile: true },
      missing_steps: ["id_verification"],
      is_onboarded: false,
      status_version: 3,
      evaluated_at: "2025-06-01T12:00:00Z",
    },
    ...overrides,
  };
}

export function userAnswer(overrides: Record<string, unknown> = {}) {
  return {
    id: "123",
    email: "kari@example.no",
    internal_id: "55",
    name: "Kari Nordmann",
    phone: "4791234567",
    main_work: "false",
    bank_account_number: null,
    bank_iban_number: null,
    bank_bic_number: null,
    tax_table: "7100",
    onboarding: JSON.stringify({
      steps: { id_verification: true, terms: true, profile: true },
      missing_steps: [],
      is_onboarded: true,
      status_version: "v2",
      evaluated_at: "2025-05-30 08:15:00",
    }),
    created_at: "2025-05-01T09:00:00.000000Z",
    ...overrides,
  };
}
