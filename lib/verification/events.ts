// The event vocabulary: a session's events (session_events, shown in an employee's history) and the audit
// trail's actions, which list the same session events as `session.<type>`. One label per event.
import type { SessionEventType } from "@/lib/generated/prisma/enums";

export type { SessionEventType };

export const SESSION_EVENT_LABELS: Record<SessionEventType, string> = {
  started: "Verification started",
  start_failed: "Start failed",
  status_changed: "Status changed",
  redirect_received: "Returned from EasyFreelance",
  reused: "Open link reused",
  superseded: "Replaced by a new link (start over)",
};

const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_limited": "Sign-in limited",
  "auth.sso_sign_in": "Signed in with single sign-on",
  "auth.sso_refused": "Single sign-on refused",
  "staff.sso_created": "Staff member added by single sign-on",
  "staff.created": "Staff member added",
  "staff.role_changed": "Role changed",
  "staff.deactivated": "Staff member deactivated",
  "staff.reactivated": "Staff member reactivated",
  "staff.password_reset": "Temporary password issued (reset)",
  "auth.sessions_revoked": "All sessions ended",
  "account.password_changed": "Password changed",
  "account.second_factor_enabled": "Two-step verification turned on",
  "account.second_factor_disabled": "Two-step verification turned off",
  "account.recovery_codes_replaced": "New recovery codes",
  "audit.exported": "Audit trail exported",
  "employees.exported": "Employees exported (CSV)",
  "verification.reverify_confirmed": "New verification of a verified employee confirmed",
  "employee.updated": "Employee details edited",
  "employee.relinked": "Employee relinked to EasyFreelance",
  "employee.archived": "Employee archived",
  "employee.unarchived": "Employee unarchived",
  "employee.erased": "Employee erased",
};

/** An audit trail action's label; a session event's is the same as in the employee's history. */
export function auditActionLabel(action: string): string {
  const sessionEvent = action.startsWith("session.") ? (action.slice("session.".length) as SessionEventType) : null;
  return (sessionEvent && SESSION_EVENT_LABELS[sessionEvent]) || AUDIT_ACTION_LABELS[action] || action;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

type EventLike = { type: SessionEventType; data: unknown };

/** The recorded return's query string as it arrived ("" when it had none), or null when the event is not a return. */
export function redirectQueryOf(event: EventLike): string | null {
  const data = isRecord(event.data) ? event.data : {};
  if (event.type !== "redirect_received" || !isRecord(data.query)) return null;
  return Object.entries(data.query)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : String(value)}`)
    .join("&");
}

/** What kind of failure, or what EasyFreelance said, for the history's Details column ("" when nothing). */
export function eventDetailOf(event: EventLike): string {
  const data = isRecord(event.data) ? event.data : {};
  const parts =
    event.type === "start_failed"
      ? // The reason itself is shown above the events; here, what kind of failure it was.
        [
          typeof data.kind === "string" ? data.kind.replace(/_/g, " ") : null,
          typeof data.httpStatus === "number" ? `HTTP ${data.httpStatus}` : null,
          typeof data.retryAfterSeconds === "number" ? `retry after ${data.retryAfterSeconds} s` : null,
        ]
      : event.type === "status_changed"
        ? [
            typeof data.rawStatus === "string" ? `EasyFreelance status: ${data.rawStatus}` : null,
            typeof data.nextAction === "string" ? `next action: ${data.nextAction}` : null,
            data.source === "portal_expiry" ? "expired by the portal at expires_at" : null,
          ]
        : [];
  return parts.filter(Boolean).join("; ");
}
