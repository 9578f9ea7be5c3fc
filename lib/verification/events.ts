// The event vocabulary: a session's events (session_events, shown in an employee's history: labels in the
// catalogue's `history` namespace) and the audit trail's actions, which list the same session events as
// `session.<type>` (labels in the `audit` namespace, AUDIT_ACTION_KEYS).
import type { SessionEventType } from "@/lib/generated/prisma/enums";

export type { SessionEventType };

/** Each audit action's message key in the catalogue's `audit` namespace (dots cannot be message keys). */
const AUDIT_ACTION_KEYS = {
  "session.started": "event.started",
  "session.start_failed": "event.start_failed",
  "session.status_changed": "event.status_changed",
  "session.redirect_received": "event.redirect_received",
  "session.reused": "event.reused",
  "session.superseded": "event.superseded",
  "auth.sign_in": "action.signIn",
  "auth.sign_in_failed": "action.signInFailed",
  "auth.sign_in_limited": "action.signInLimited",
  "staff.created": "action.staffCreated",
  "staff.role_changed": "action.roleChanged",
  "staff.deactivated": "action.staffDeactivated",
  "staff.reactivated": "action.staffReactivated",
  "audit.exported": "action.auditExported",
  "employees.exported": "action.employeesExported",
  "employees.compliance_exported": "action.complianceExported",
  "verification.reverify_confirmed": "action.reverifyConfirmed",
  "employee.created": "action.employeeCreated",
  "employee.linked": "action.employeeLinked",
  "settings.return_url_registered": "action.returnUrlRegistered",
  "settings.credentials_checked": "action.credentialsChecked",
  "employee.updated": "action.employeeUpdated",
  "employee.relinked": "action.employeeRelinked",
  "employee.archived": "action.employeeArchived",
  "employee.unarchived": "action.employeeUnarchived",
  "employee.erased": "action.employeeErased",
  "auth.sso_sign_in": "action.ssoSignIn",
  "auth.sso_refused": "action.ssoRefused",
  "staff.sso_created": "action.ssoStaffCreated",
  "staff.password_reset": "action.passwordReset",
  "auth.sessions_revoked": "action.sessionsRevoked",
  "account.password_changed": "action.passwordChanged",
  "account.second_factor_enabled": "action.secondFactorEnabled",
  "account.second_factor_disabled": "action.secondFactorDisabled",
  "account.recovery_codes_replaced": "action.recoveryCodesReplaced",
  "invitation.created": "action.invitationCreated",
  "invitation.sent": "action.invitationSent",
  "invitation.send_failed": "action.invitationSendFailed",
  "invitation.opened": "action.invitationOpened",
  "invitation.reminded": "action.invitationReminded",
  "invitation.revoked": "action.invitationRevoked",
  "invitation.expired": "action.invitationExpired",
  "invitations.bulk_sent": "action.invitationsBulkSent",
  "employees.import_started": "action.importStarted",
  "employees.import_finished": "action.importFinished",
  "employees.import_rows_failed": "action.importRowsFailed",
} as const satisfies Record<string, string>;
export type AuditActionKey = (typeof AUDIT_ACTION_KEYS)[keyof typeof AUDIT_ACTION_KEYS];

/** An audit trail action's message key; null for an action this version does not know (shown as recorded). */
export function auditActionKey(action: string): AuditActionKey | null {
  return Object.hasOwn(AUDIT_ACTION_KEYS, action) ? AUDIT_ACTION_KEYS[action as keyof typeof AUDIT_ACTION_KEYS] : null;
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
