import "server-only";
import { prisma } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_limited"
  | "auth.sso_sign_in"
  | "auth.sso_refused"
  | "staff.sso_created"
  | "staff.created"
  | "staff.role_changed"
  | "staff.deactivated"
  | "staff.reactivated"
  | "staff.password_reset"
  | "auth.sessions_revoked"
  | "account.password_changed"
  | "account.second_factor_enabled"
  | "account.second_factor_disabled"
  | "account.recovery_codes_replaced"
  | "audit.exported"
  | "employees.exported"
  | "employees.compliance_exported"
  | "verification.reverify_confirmed"
  | "employee.created"
  | "employee.linked"
  | "settings.return_url_registered"
  | "settings.credentials_checked"
  | "employee.updated"
  | "employee.relinked"
  | "employee.archived"
  | "employee.unarchived"
  | "employee.erased"
  | "invitation.created"
  | "invitation.sent"
  | "invitation.send_failed"
  | "invitation.opened"
  | "invitation.reminded"
  | "invitation.revoked"
  | "invitation.expired"
  | "invitations.bulk_sent"
  | "employees.import_started"
  | "employees.import_finished"
  | "employees.import_rows_failed";

export type AuditActor = { id: string; email: string } | null;
type Db = Prisma.TransactionClient | ReturnType<typeof prisma>;

/** Records a staff or sign-in event. Never pass secrets in `data`: it is shown to admins and exported. */
export async function recordAudit(
  event: { action: AuditAction; actor: AuditActor; targetId?: string | null; data?: Prisma.InputJsonValue },
  db: Db = prisma(),
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actor?.id ?? null,
      actorLabel: event.actor?.email ?? null,
      targetId: event.targetId ?? null,
      data: event.data ?? Prisma.DbNull,
    },
  });
}

/** Retention: deletes staff and sign-in events older than `before`. */
export async function pruneAuditEvents(before: Date): Promise<number> {
  const { count } = await prisma().auditEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

/** Who acted when no staff member did (said in the reader's language by lib/audit/text.ts). */
export type AuditActorKind = "employee" | "expiry" | "easyfreelance" | "anonymous" | "system";

/** One part of an entry's details, as data: lib/audit/text.ts says it in the reader's language. */
export type AuditDetail =
  | { kind: "provider"; provider: string }
  | { kind: "status"; from: string; to: string }
  | { kind: "field"; name: AuditDetailField; value: string }
  | { kind: "changed"; fields: string[] }
  | { kind: "relinked"; from: string; to: string }
  | { kind: "sessionsRemoved"; count: number }
  | { kind: "queryKeys"; keys: string[] };

const DETAIL_FIELDS = ["email", "role", "from", "to", "reason", "kind", "replacedBy", "late", "secondFactor", "expiresAt"] as const;
export type AuditDetailField = (typeof DETAIL_FIELDS)[number];

export type AuditEntry = {
  id: string;
  at: Date;
  action: string;
  /** The staff member's email (or the label recorded with the event); null: see actorKind. */
  actor: string | null;
  actorKind: AuditActorKind;
  employee: string | null;
  employeeId: string | null;
  sessionId: string | null;
  details: AuditDetail[];
};

type Row = {
  id: string;
  at: Date;
  action: string;
  actor: string | null;
  employee: string | null;
  employee_id: string | null;
  session_id: string | null;
  provider: string | null;
  from_status: string | null;
  to_status: string | null;
  data: unknown;
};

/**
 * The audit trail: session events (start, reuse, start over, status changes, redirects) and staff and
 * sign-in events, newest first. With `employeeId`, only that employee's session events and the staff
 * events about them.
 */
export async function listAuditTrail(options: { employeeId?: string; limit: number }): Promise<AuditEntry[]> {
  const byEmployee = options.employeeId ? Prisma.sql`WHERE s.employee_id = ${options.employeeId}` : Prisma.empty;
  // Staff events; for one employee, only those about them (e.g. a confirmed re-verification).
  const auditFilter = options.employeeId ? Prisma.sql`WHERE a.target_id = ${options.employeeId}` : Prisma.empty;
  const staffEvents = Prisma.sql`UNION ALL
      SELECT a.id, a.created_at AS at, a.action, COALESCE(actor.email, a.actor_label) AS actor,
             emp.first_name || ' ' || emp.last_name || ' (' || emp.ef_user_id || ')' AS employee,
             emp.id AS employee_id, NULL AS session_id, NULL AS provider,
             NULL AS from_status, NULL AS to_status, a.data
      FROM audit_events a LEFT JOIN staff_users actor ON actor.id = a.actor_id
      LEFT JOIN employees emp ON emp.id = a.target_id
      ${auditFilter}`;
  const rows = await prisma().$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT e.id, e.created_at AS at, 'session.' || e.type::text AS action,
             COALESCE(actor.email, CASE WHEN e.type IN ('started', 'start_failed') THEN starter.email END) AS actor,
             emp.first_name || ' ' || emp.last_name || ' (' || emp.ef_user_id || ')' AS employee,
             emp.id AS employee_id, s.id AS session_id, s.provider::text AS provider,
             e.from_status::text AS from_status, e.to_status::text AS to_status, e.data
      FROM session_events e
      JOIN verification_sessions s ON s.id = e.session_id
      JOIN employees emp ON emp.id = s.employee_id
      LEFT JOIN staff_users actor ON actor.id = e.actor_id
      LEFT JOIN staff_users starter ON starter.id = s.started_by_id
      ${byEmployee}
      ${staffEvents}
    ) trail
    ORDER BY at DESC, id DESC
    LIMIT ${options.limit}`;
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor: row.actor,
    actorKind: defaultActor(row),
    employee: row.employee,
    employeeId: row.employee_id,
    sessionId: row.session_id,
    details: describe(row),
  }));
}

function defaultActor(row: Row): AuditActorKind {
  if (row.action === "session.redirect_received") return "employee";
  if (row.action === "session.status_changed") {
    const source = (row.data as { source?: string } | null)?.source;
    return source === "portal_expiry" ? "expiry" : "easyfreelance";
  }
  if (row.action.startsWith("auth.")) return "anonymous";
  return "system";
}

function describe(row: Row): AuditDetail[] {
  const data = (row.data ?? {}) as Record<string, unknown>;
  const parts: AuditDetail[] = [];
  if (row.provider) parts.push({ kind: "provider", provider: row.provider });
  if (row.from_status && row.to_status && row.from_status !== row.to_status) parts.push({ kind: "status", from: row.from_status, to: row.to_status });
  for (const name of DETAIL_FIELDS) {
    if (data[name] !== undefined && data[name] !== null) parts.push({ kind: "field", name, value: String(data[name]) });
  }
  // Employee corrections (names of changed fields, EasyFreelance ids, sessions erased).
  if (Array.isArray(data.fields)) parts.push({ kind: "changed", fields: data.fields.map(String) });
  if (data.fromEfUserId !== undefined) parts.push({ kind: "relinked", from: String(data.fromEfUserId), to: String(data.toEfUserId) });
  if (typeof data.sessionsRemoved === "number") parts.push({ kind: "sessionsRemoved", count: data.sessionsRemoved });
  if (row.action === "session.redirect_received" && data.query && typeof data.query === "object") {
    parts.push({ kind: "queryKeys", keys: Object.keys(data.query) });
  }
  return parts;
}
