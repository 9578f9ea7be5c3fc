import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IdType, Provider, VerificationStatus } from "@/lib/generated/prisma/enums";

/** What a SessionRecord holds (tests create sessions with the same shape). */
export const sessionFields = {
  id: true,
  reference: true,
  employeeId: true,
  efVerificationId: true,
  provider: true,
  idType: true,
  status: true,
  nextAction: true,
  verificationUrl: true,
  expiresAt: true,
  completedAt: true,
  // The employee's status page lists the onboarding steps still missing after an approval.
  onboarding: true,
  lastCheckedAt: true,
  // Return-driven refresh: a pending session is asked about quickly only after the employee came back.
  lastReturnedAt: true,
  statusChangedAt: true,
  replacesSessionId: true,
  startedById: true,
  invitationId: true,
  createdAt: true,
} as const;

export type SessionRecord = Prisma.VerificationSessionGetPayload<{ select: typeof sessionFields }>;

export async function findSessionByReference(reference: string): Promise<SessionRecord | null> {
  return prisma().verificationSession.findUnique({ where: { reference }, select: sessionFields });
}

/** Several sessions at once (the HR list's live statuses): one indexed query. */
export async function findSessionsByReferences(references: string[]): Promise<SessionRecord[]> {
  return prisma().verificationSession.findMany({ where: { reference: { in: references } }, select: sessionFields });
}

/** Recorded before EasyFreelance is called, so a crash mid-call leaves a visible attempt. */
export async function createStartingSession(data: {
  reference: string;
  employeeId: string;
  provider: Provider;
  idType: IdType | null;
  returnUrl: string;
  startedById: string | null;
  /** Started by the employee from this invitation. */
  invitationId?: string;
  /** Start over: the open session this one will supersede once EasyFreelance has started it. */
  replacesSessionId?: string;
}): Promise<SessionRecord> {
  return prisma().verificationSession.create({ data: { ...data, status: "starting" }, select: sessionFields });
}

/** A row id like Prisma's `@default(cuid())` ("c", the time in base 36, then randomness), for rows written in raw SQL. */
function newRowId(): string {
  const random = Array.from(randomBytes(16), (byte) => (byte % 36).toString(36)).join("");
  return `c${Date.now().toString(36)}${random}`;
}

/**
 * The flow has started: the session becomes what EasyFreelance said (pending) with its `started` event, in one
 * statement (one round trip; PostgreSQL writes both or neither). For a start over, the old session is superseded
 * in the same transaction, first, and only now: until this moment its link kept working (the partial unique
 * indexes let the new row be "starting" beside the old "pending" one, never "pending" beside it).
 */
export async function markSessionStarted(
  session: SessionRecord,
  upstream: { efVerificationId: string; verificationUrl: string; expiresAt: Date; status: VerificationStatus; rawStatus: string },
): Promise<SessionRecord> {
  const now = new Date();
  const replaces = session.replacesSessionId;
  const startedData = { provider: session.provider, ...(replaces ? { replaces } : {}) };
  // A start over's "superseded" event comes first in the history: the "started" one is a millisecond later, so
  // ordering by time never depends on a tie (both statements share one clock reading).
  const startedEventAt = replaces ? new Date(now.getTime() + 1) : now;
  const start = prisma().$executeRaw`
    WITH "started" AS (
      UPDATE "verification_sessions"
      SET "ef_verification_id" = ${upstream.efVerificationId}, "verification_url" = ${upstream.verificationUrl},
        "expires_at" = ${upstream.expiresAt}, "status" = ${upstream.status}::"VerificationStatus", "raw_status" = ${upstream.rawStatus},
        "status_changed_at" = ${now}, "last_checked_at" = ${now}, "updated_at" = ${now}
      WHERE "id" = ${session.id}
      RETURNING "id"
    )
    INSERT INTO "session_events" ("id", "session_id", "type", "from_status", "to_status", "actor_id", "data", "created_at")
    SELECT ${newRowId()}, "id", 'started', 'starting', ${upstream.status}::"VerificationStatus", ${session.startedById},
      ${JSON.stringify(startedData)}::jsonb, ${startedEventAt}
    FROM "started"`;
  let count: number;
  if (replaces) {
    // Superseded (with its event) only while still pending, and only beside its existing replacement: the two
    // statements run in order in one transaction, so the old link never stops working without a new one.
    const supersede = prisma().$executeRaw`
      WITH "superseded" AS (
        UPDATE "verification_sessions" SET "status" = 'superseded', "status_changed_at" = ${now}, "updated_at" = ${now}
        WHERE "id" = ${replaces} AND "status" = 'pending' AND EXISTS (SELECT 1 FROM "verification_sessions" WHERE "id" = ${session.id})
        RETURNING "id"
      )
      INSERT INTO "session_events" ("id", "session_id", "type", "from_status", "to_status", "actor_id", "data", "created_at")
      SELECT ${newRowId()}, "id", 'superseded', 'pending', 'superseded', ${session.startedById},
        ${JSON.stringify({ reason: "start over", replacedBy: session.id })}::jsonb, ${now}
      FROM "superseded"`;
    [, count] = await prisma().$transaction([supersede, start]);
  } else {
    count = await start;
  }
  if (count !== 1) throw new Error(`verification session ${session.id} to mark started was not found`);
  const { efVerificationId, verificationUrl, expiresAt, status } = upstream;
  return { ...session, efVerificationId, verificationUrl, expiresAt, status, statusChangedAt: now, lastCheckedAt: now };
}

/** Why a start failed: `message` becomes the session's failure reason; everything is kept on the event. */
export type StartFailureRecord = {
  kind: string;
  message: string;
  [detail: string]: Prisma.InputJsonValue | undefined;
};

export async function markSessionFailed(id: string, reason: StartFailureRecord): Promise<void> {
  // JSON has no undefined: drop absent details rather than store nulls that were never said.
  const data = Object.fromEntries(Object.entries(reason).filter(([, value]) => value !== undefined)) as Prisma.InputJsonObject;
  await prisma().$transaction([
    prisma().verificationSession.update({
      where: { id },
      data: { status: "failed", failureReason: reason.message, statusChangedAt: new Date() },
    }),
    prisma().sessionEvent.create({
      data: { sessionId: id, type: "start_failed", fromStatus: "starting", toStatus: "failed", data },
    }),
  ]);
}

/**
 * Claims the right to ask EasyFreelance about a session: one atomic UPDATE that succeeds only while the row's
 * last check is still the one the caller read (`seen`), so of any number of concurrent pollers (on any number
 * of instances) only one wins. The claim is a lease held until releaseStatusRefresh, or for `leaseMs` (as long
 * as one call with its retries can take) if the instance dies: a slow call is never joined by a second one.
 */
export async function claimStatusRefresh(id: string, now: Date, seen: Date | null, leaseMs: number): Promise<boolean> {
  const { count } = await prisma().verificationSession.updateMany({
    where: {
      id,
      AND: [
        seen === null ? { lastCheckedAt: null } : { OR: [{ lastCheckedAt: null }, { lastCheckedAt: { lte: seen } }] },
        { OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lte: now } }] },
      ],
    },
    data: { lastCheckedAt: now, refreshLeaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** The call is over: the next refresh is planned from this one's claim. */
export async function releaseStatusRefresh(id: string): Promise<void> {
  await prisma().verificationSession.updateMany({ where: { id }, data: { refreshLeaseUntil: null } });
}

/** No call was made after all (the budget was spent): the session is as due as before the claim. */
export async function undoStatusRefreshClaim(id: string, claimedAt: Date, seen: Date | null): Promise<void> {
  await prisma().verificationSession.updateMany({ where: { id, lastCheckedAt: claimedAt }, data: { lastCheckedAt: seen, refreshLeaseUntil: null } });
}

/** The EasyFreelance user a session's employee is (a status answer about another user is refused). */
export async function findEfUserIdOfSession(sessionId: string): Promise<number | null> {
  const row = await prisma().verificationSession.findUnique({ where: { id: sessionId }, select: { employee: { select: { efUserId: true } } } });
  return row?.employee.efUserId ?? null;
}

export type StatusUpdate = {
  status: VerificationStatus;
  rawStatus: string | null;
  nextAction: string | null;
  completedAt: Date | null;
  onboarding: Prisma.InputJsonValue | null;
  source: string;
};

/**
 * Applies a status from EasyFreelance. The row is only updated while it still has the status the
 * caller saw, so two racing refreshes cannot both record the same transition.
 */
export async function applyStatusUpdate(session: SessionRecord, update: StatusUpdate): Promise<SessionRecord> {
  const { source, onboarding, ...fields } = update;
  const changed = update.status !== session.status;
  if (!changed) {
    // The common case while a session is pending: one statement, no transaction (an interactive
    // transaction holds a pooled connection for four round trips, which starved the pool under load).
    const rows = await prisma().verificationSession.updateManyAndReturn({
      where: { id: session.id, status: session.status },
      data: { ...fields, onboarding: onboarding ?? Prisma.DbNull },
      select: sessionFields,
    });
    return rows[0] ?? (await prisma().verificationSession.findUniqueOrThrow({ where: { id: session.id }, select: sessionFields }));
  }
  return prisma().$transaction(async (tx) => {
    const { count } = await tx.verificationSession.updateMany({
      where: { id: session.id, status: session.status },
      data: {
        ...fields,
        onboarding: onboarding ?? Prisma.DbNull,
        ...(changed ? { statusChangedAt: new Date() } : {}),
      },
    });
    if (count === 1 && changed) {
      await tx.sessionEvent.create({
        data: {
          sessionId: session.id,
          type: "status_changed",
          fromStatus: session.status,
          toStatus: update.status,
          data: { source, rawStatus: update.rawStatus, nextAction: update.nextAction },
        },
      });
    }
    return tx.verificationSession.findUniqueOrThrow({ where: { id: session.id }, select: sessionFields });
  });
}

/**
 * Counts a return through /return/<reference>, and keeps it as an event while the session has fewer than
 * `keep`: anyone holding the reference can replay the link, so the rest are only counted. The count is one
 * atomic UPDATE, so concurrent replays cannot slip past the bound.
 */
export async function recordRedirect(
  sessionId: string,
  query: Record<string, string | string[]>,
  status: VerificationStatus,
  options: { keep: number; truncated: boolean },
): Promise<boolean> {
  const { returnsReceived } = await prisma().verificationSession.update({
    where: { id: sessionId },
    data: { returnsReceived: { increment: 1 }, lastReturnedAt: new Date() },
    select: { returnsReceived: true },
  });
  if (returnsReceived > options.keep) return false;
  await prisma().sessionEvent.create({
    data: {
      sessionId,
      type: "redirect_received",
      fromStatus: status,
      toStatus: status,
      data: { query, ...(options.truncated ? { truncated: true } : {}) },
    },
  });
  return true;
}

// ---- One active session per employee (partial unique index over starting/pending) ----

/**
 * The employee's active sessions: at most one pending or plain start, plus at most one start over
 * in flight (the database's partial unique indexes allow no more). Starting rows first.
 */
export async function findActiveSessions(employeeId: string): Promise<SessionRecord[]> {
  const rows = await prisma().verificationSession.findMany({
    where: { employeeId, status: { in: ["starting", "pending"] } },
    select: sessionFields,
  });
  return rows.sort((a, b) => (a.status === b.status ? 0 : a.status === "starting" ? -1 : 1));
}

/** True when the error is the one-active-session index (or another unique key) refusing a second row. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function recordReuse(sessionId: string, actorId: string | null): Promise<void> {
  await prisma().sessionEvent.create({ data: { sessionId, type: "reused", actorId, fromStatus: "pending", toStatus: "pending" } });
}

/** A start that never finished (the instance died mid-call) must not block the employee for ever. */
export async function abandonStartingSession(sessionId: string): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    const { count } = await tx.verificationSession.updateMany({
      where: { id: sessionId, status: "starting" },
      data: { status: "failed", failureReason: "The start did not finish.", statusChangedAt: new Date() },
    });
    if (count === 1) {
      await tx.sessionEvent.create({
        data: {
          sessionId,
          type: "start_failed",
          fromStatus: "starting",
          toStatus: "failed",
          data: { kind: "abandoned", message: "The start did not finish." },
        },
      });
    }
    return count === 1;
  });
}

/** Why a start failed, for requests that waited on it instead of calling EasyFreelance themselves. */
export async function findStartFailure(sessionId: string): Promise<string | null> {
  const row = await prisma().verificationSession.findUnique({ where: { id: sessionId }, select: { status: true, failureReason: true } });
  return row?.status === "failed" ? (row.failureReason ?? "The verification could not be started. Try again.") : null;
}

/** The employee's newest session (any status), with why it failed if it did. */
export async function findLatestSession(employeeId: string) {
  return prisma().verificationSession.findFirst({
    where: { employeeId },
    orderBy: { createdAt: "desc" },
    select: { id: true, reference: true, provider: true, status: true, statusChangedAt: true, failureReason: true },
  });
}

/** One event as the history shows it. */
export const sessionEventFields = { id: true, type: true, fromStatus: true, toStatus: true, data: true, createdAt: true } as const;
export type SessionEventRecord = Prisma.SessionEventGetPayload<{ select: typeof sessionEventFields }>;

/** One page of an attempt's events (oldest first), for the attempt's own page; null when it is not the employee's. */
export async function findSessionEventsPage(employeeId: string, sessionId: string, page: number, pageSize: number) {
  const session = await prisma().verificationSession.findFirst({
    where: { id: sessionId, employeeId },
    select: {
      id: true,
      status: true,
      provider: true,
      idType: true,
      createdAt: true,
      efVerificationId: true,
      returnsReceived: true,
      startedBy: { select: { name: true } },
      employee: { select: { id: true, firstName: true, lastName: true, email: true } },
      _count: { select: { events: true } },
    },
  });
  if (!session) return null;
  const events = await prisma().sessionEvent.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: sessionEventFields,
  });
  const recordedReturns = await prisma().sessionEvent.count({ where: { sessionId, type: "redirect_received" } });
  return { session, events, total: session._count.events, unrecordedReturns: Math.max(0, session.returnsReceived - recordedReturns) };
}

/** Status of one session by id (start over checks that the session HR saw is still the open one). */
export async function findSessionById(id: string): Promise<SessionRecord | null> {
  return prisma().verificationSession.findUnique({ where: { id }, select: sessionFields });
}
