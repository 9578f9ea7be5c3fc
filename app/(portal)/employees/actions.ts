"use server";

import { z } from "zod";
import { staffAction } from "@/lib/auth/action";
import { CAN_VERIFY } from "@/lib/auth/session";
import { revalidatePath } from "next/cache";
import { startVerification } from "@/lib/verification/service";

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
  verificationUrl: string;
  expiresAt: string | null;
  statusPageUrl: string;
};

export const startVerificationAction = staffAction(
  { roles: CAN_VERIFY, schema: startVerificationSchema },
  async (input, staff) => {
    const result = await startVerification(input, staff);
    // A failed attempt is recorded too: the list and the employee's page show it.
    revalidatePath("/employees", "layout");
    if (!result.ok) return { ok: false, error: result.error };
    const { session } = result;
    return {
      ok: true,
      data: {
        reused: result.reused,
        verificationUrl: session.verificationUrl!,
        expiresAt: session.expiresAt?.toISOString() ?? null,
        statusPageUrl: `/status/${session.reference}`,
      },
    };
  },
);
