// The event vocabulary: a session's events (session_events, shown in an employee's history) and the audit
// trail's actions, which list the same session events as `session.<type>`. One label per event.
import type { SessionEventType } from "@/lib/generated/prisma/enums";

export type { SessionEventType };

export const SESSION_EVENT_LABELS: Record<SessionEventType, string> = {
  started: "Verification started",
  start_failed: "Start failed",
  status_changed: "Status changed",
  // Anyone holding the link can open it: the portal knows the link was opened, not who came from where.
  redirect_received: "Return link opened",
  reused: "Open link reused",
  superseded: "Replaced by a new link (start over)",
};

const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_limited": "Sign-in limited",
  "staff.created": "Staff member added",
  "staff.role_changed": "Role changed",
  "staff.deactivated": "Staff member deactivated",
  "staff.reactivated": "Staff member reactivated",
  "audit.exported": "Audit trail exported",
  "employees.exported": "Employees exported (CSV)",
  "verification.reverify_confirmed": "New verification of a verified employee confirmed",
  "employee.created": "Employee added (new EasyFreelance user)",
  "employee.linked": "Employee added (existing EasyFreelance user linked)",
  "settings.return_url_registered": "Return URL registration requested",
  "settings.credentials_checked": "EasyFreelance credentials checked",
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

/** The employee page shows this many events per attempt; the rest are on the attempt's own page, paged. */
export const EVENTS_SHOWN_PER_SESSION = 20;
export const EVENTS_PAGE_SIZE = 50;

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
