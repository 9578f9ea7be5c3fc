import "server-only";
import { checkLimit, clientAddress } from "@/lib/security/rate-limit";
import { getPublicStatus } from "./status-refresh";
import type { SessionRecord } from "@/lib/db/sessions";

export type StatusPageLoad = { limited: true; retryAfterSeconds: number } | { limited: false; session: SessionRecord | null };

/**
 * What the employee's status page shows: limited per address like its API route (the same counter), so
 * reloading the page cannot drive refreshes from EasyFreelance or load the database without bound. A limited
 * request reads nothing.
 */
export async function loadStatusPage(reference: string, headers: Headers): Promise<StatusPageLoad> {
  const limit = await checkLimit("statusAddress", clientAddress(headers));
  if (!limit.allowed) return { limited: true, retryAfterSeconds: limit.retryAfterSeconds };
  return { limited: false, session: await getPublicStatus(reference) };
}
