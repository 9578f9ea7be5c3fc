import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { authorizeCron } from "@/lib/auth/cron";
import { runSweep } from "@/lib/verification/sweep";

// Vercel Cron calls this (vercel.json, "crons"); self-hosted installs run `npm run sweep` instead.
// A sweep may take a while: up to SWEEP_REFRESH_LIMIT EasyFreelance calls, four at a time.
export const maxDuration = 300;

const noStore = { "Cache-Control": "no-store" };

export async function GET(request: Request) {
  const secret = env().CRON_SECRET;
  const production = process.env.NODE_ENV === "production";
  if (!authorizeCron(request.headers.get("authorization"), secret, production)) {
    if (!secret && production) log.warn("sweep: refused, CRON_SECRET is not set");
    return Response.json({ error: "unauthorized" }, { status: 401, headers: noStore });
  }
  const report = await runSweep();
  return Response.json(report, { headers: noStore });
}
