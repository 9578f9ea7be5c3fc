import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sessionFields, type SessionRecord } from "./sessions";

// The scheduled sweep's queries (lib/verification/sweep.ts): which sessions it refreshes or abandons, and retention.

/**
 * Open sessions no page has checked since `staleBefore` (or past their expiry), oldest check first: the
 * ones the sweep refreshes. Only a candidate list: refreshSession's claim still decides who calls upstream.
 */
export async function findSessionsToSweep(now: Date, staleBefore: Date, limit: number, employeeIds?: string[]): Promise<SessionRecord[]> {
  if (limit <= 0) return [];
  return prisma().verificationSession.findMany({
    where: {
      ...(employeeIds ? { employeeId: { in: employeeIds } } : {}),
      status: { in: ["pending", "unknown"] },
      efVerificationId: { not: null },
      OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lte: staleBefore } }, { expiresAt: { lte: now } }],
    },
    orderBy: [{ lastCheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: limit,
    select: sessionFields,
  });
}

/** Starts still "starting" since before `createdBefore`: their instance died mid-call. */
export async function findStaleStartingSessions(createdBefore: Date, limit: number, employeeIds?: string[]): Promise<string[]> {
  const rows = await prisma().verificationSession.findMany({
    where: { ...(employeeIds ? { employeeId: { in: employeeIds } } : {}), status: "starting", createdAt: { lt: createdBefore } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** Retention: drops the query string kept as evidence of returns older than `before` (the event stays). */
export async function pruneRedirectEvidence(before: Date): Promise<number> {
  const { count } = await prisma().sessionEvent.updateMany({
    where: { type: "redirect_received", createdAt: { lt: before }, data: { not: Prisma.DbNull } },
    data: { data: Prisma.DbNull },
  });
  return count;
}
