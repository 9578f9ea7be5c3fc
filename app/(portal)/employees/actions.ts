"use server";

import { z } from "zod";
import { staffAction, type ActionResult } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { startVerification, type StartingStaff, type StartVerificationInput } from "@/lib/verification/service";

const startVerificationSchema = z.discriminatedUnion("provider", [
  z.object({
    employeeId: z.string().min(1).max(64),
    provider: z.literal("veriff"),
    idType: z.enum(["local", "international"], { error: "Choose which ID document the employee has." }),
  }),
  z.object({ employeeId: z.string().min(1).max(64), provider: z.literal("bankid") }),
], { error: "Choose Veriff or BankID." });

export type StartedVerification = {
  reused: boolean;
  sessionId: string;
  provider: "veriff" | "bankid";
  idType: "local" | "international" | null;
  verificationUrl: string;
  expiresAt: string | null;
  statusPageUrl: string;
};

async function start(input: StartVerificationInput, staff: StartingStaff): Promise<ActionResult<StartedVerification>> {
  const result = await startVerification(input, staff);
  // A failed attempt is recorded too: the list and the employee's page show it.
  revalidatePath("/employees", "layout");
  if (!result.ok) return { ok: false, error: result.error };
  const { session } = result;
  return {
    ok: true,
    data: {
      reused: result.reused,
      sessionId: session.id,
      provider: session.provider,
      idType: session.idType,
      verificationUrl: session.verificationUrl!,
      expiresAt: session.expiresAt?.toISOString() ?? null,
      statusPageUrl: `/status/${session.reference}`,
    },
  };
}

export const startVerificationAction = staffAction({ roles: CAN_VERIFY, schema: startVerificationSchema }, (input, staff) =>
  start(input, staff),
);

// "Start over": explicit, and names the open session it replaces, so a second click (or a colleague's
// start over a moment earlier) reuses the replacement instead of superseding it too.
const startOverSchema = z.intersection(startVerificationSchema, z.object({ replaceSessionId: z.string().min(1).max(64) }));

export const startOverVerificationAction = staffAction({ roles: CAN_VERIFY, schema: startOverSchema }, (input, staff) =>
  start(input, staff),
);
