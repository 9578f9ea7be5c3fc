import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IdType, Provider, VerificationStatus } from "@/lib/generated/prisma/enums";

// What readiness is computed from (lib/verification/readiness.ts): the employee's verification fact and
// the two onboarding snapshots employeeOnboarding chooses between — the employee's own, and the newest
// session's that carries one (the same choice as the trigger's employee_latest_onboarding).

export type ReadinessSource = {
  id: string;
  verifiedAt: Date | null;
  verifiedProvider: Provider | null;
  verifiedIdType: IdType | null;
  onboarding: unknown;
  onboardingCheckedAt: Date | null;
  /** The newest session with a snapshot (0 or 1), in employeeOnboarding's shape. */
  sessions: Array<{ onboarding: unknown; lastCheckedAt: Date | null; statusChangedAt: Date }>;
};

type SourceRow = {
  id: string;
  verified_at: Date | null;
  verified_provider: Provider | null;
  verified_id_type: IdType | null;
  onboarding: unknown;
  onboarding_checked_at: Date | null;
  session_onboarding: unknown;
  session_checked_at: Date | null;
  session_changed_at: Date | null;
};

// Served by verification_sessions(employee_id, created_at DESC): one index probe per employee.
const SOURCE_COLUMNS = Prisma.sql`e."id", e."verified_at", e."verified_provider", e."verified_id_type", e."onboarding", e."onboarding_checked_at",
  snap."onboarding" AS "session_onboarding", snap."last_checked_at" AS "session_checked_at", snap."status_changed_at" AS "session_changed_at"`;
const SNAPSHOT_JOIN = Prisma.sql`LEFT JOIN LATERAL (
    SELECT s."onboarding", s."last_checked_at", s."status_changed_at" FROM "verification_sessions" AS s
    WHERE s."employee_id" = e."id" AND s."onboarding" IS NOT NULL AND s."onboarding" <> 'null'::jsonb
    ORDER BY s."created_at" DESC, s."id" DESC LIMIT 1) AS snap ON true`;

function toSource(row: SourceRow): ReadinessSource {
  return {
    id: row.id,
    verifiedAt: row.verified_at,
    verifiedProvider: row.verified_provider,
    verifiedIdType: row.verified_id_type,
    onboarding: row.onboarding,
    onboardingCheckedAt: row.onboarding_checked_at,
    sessions: row.session_changed_at
      ? [{ onboarding: row.session_onboarding, lastCheckedAt: row.session_checked_at, statusChangedAt: row.session_changed_at }]
      : [],
  };
}

/** The readiness inputs of these employees (a list page's), by id. */
export async function readinessSources(ids: readonly string[]): Promise<Map<string, ReadinessSource>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma().$queryRaw<SourceRow[]>`
    SELECT ${SOURCE_COLUMNS} FROM "employees" AS e ${SNAPSHOT_JOIN} WHERE e."id" = ANY(${[...ids]}::text[])`;
  return new Map(rows.map((row) => [row.id, toSource(row)]));
}

export type ComplianceRow = ReadinessSource & {
  firstName: string;
  lastName: string;
  email: string;
  internalId: string | null;
  efUserId: number;
  archivedAt: Date | null;
  /** The newest verification attempt, with who started it. */
  latest: {
    provider: Provider;
    idType: IdType | null;
    status: VerificationStatus;
    startedAt: Date;
    startedBy: string | null;
    completedAt: Date | null;
  } | null;
};

type ComplianceDbRow = SourceRow & {
  first_name: string;
  last_name: string;
  email: string;
  internal_id: string | null;
  ef_user_id: number;
  archived_at: Date | null;
  latest_provider: Provider | null;
  latest_id_type: IdType | null;
  latest_status: VerificationStatus | null;
  latest_started_at: Date | null;
  latest_started_by: string | null;
  latest_completed_at: Date | null;
};

/**
 * Every employee (archived ones too: it is a compliance record) with readiness inputs and the latest
 * verification, in name order, a batch at a time (keyset pagination over employees(last_name, first_name,
 * id)), so 100,000 employees never sit in memory at once. One query per batch.
 */
export async function* complianceRows(batchSize = 1000): AsyncGenerator<ComplianceRow[]> {
  let after: { last_name: string; first_name: string; id: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after
      ? Prisma.sql`WHERE (e."last_name", e."first_name", e."id") > (${after.last_name}, ${after.first_name}, ${after.id})`
      : Prisma.empty;
    const rows: ComplianceDbRow[] = await prisma().$queryRaw`
      SELECT ${SOURCE_COLUMNS}, e."first_name", e."last_name", e."email", e."internal_id", e."ef_user_id", e."archived_at",
        l."provider" AS "latest_provider", l."id_type" AS "latest_id_type", l."status" AS "latest_status",
        l."created_at" AS "latest_started_at", st."name" AS "latest_started_by", l."completed_at" AS "latest_completed_at"
      FROM "employees" AS e
      LEFT JOIN "verification_sessions" AS l ON l."id" = e."latest_session_id"
      LEFT JOIN "staff_users" AS st ON st."id" = l."started_by_id"
      ${SNAPSHOT_JOIN}
      ${keyset}
      ORDER BY e."last_name", e."first_name", e."id" LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      ...toSource(row),
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      internalId: row.internal_id,
      efUserId: row.ef_user_id,
      archivedAt: row.archived_at,
      latest:
        row.latest_provider && row.latest_status && row.latest_started_at
          ? {
              provider: row.latest_provider,
              idType: row.latest_id_type,
              status: row.latest_status,
              startedAt: row.latest_started_at,
              startedBy: row.latest_started_by,
              completedAt: row.latest_completed_at,
            }
          : null,
    }));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    after = { last_name: last.last_name, first_name: last.first_name, id: last.id };
  }
}
