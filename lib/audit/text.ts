// The audit trail's words in the reader's language: who acted (when no staff member did), the Details
// column, and the CSV export (headers in the chosen language, UTF-8 with a byte order mark for Excel, as
// the Employees CSV). The data layer (lib/db/audit.ts) returns details as data; this says them.
import type { AuditDetail, AuditEntry } from "@/lib/db/audit";
import { UTF8_BOM } from "@/lib/employees/csv";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { toCsv } from "@/lib/security/csv";
import { auditActionKey } from "@/lib/verification/events";
import { STATUS, type VerificationStatus } from "@/lib/verification/status";
import { PROVIDER_LABELS } from "@/lib/verification/verified";
import { STAFF_ROLES } from "@/lib/auth/roles";

const CSV_COLUMNS = ["time", "action", "actor", "employee", "session", "details"] as const;
// Fields of Edit details, as the corrections catalogue names them.
const EDIT_FIELDS = ["firstName", "lastName", "email", "internalId"] as const;

export function auditText(locale: Locale) {
  const t = translator(locale, "auditText");
  const status = translator(locale, "status");
  const role = translator(locale, "role");
  const audit = translator(locale, "audit");
  const corrections = translator(locale, "corrections");

  const statusName = (value: string) => (Object.hasOwn(STATUS, value) ? status(value as VerificationStatus) : value);
  const roleName = (value: string) => ((STAFF_ROLES as readonly string[]).includes(value) ? role(value as (typeof STAFF_ROLES)[number]) : value);
  const fieldName = (value: string) =>
    (EDIT_FIELDS as readonly string[]).includes(value) ? corrections(`field.${value as (typeof EDIT_FIELDS)[number]}`) : value;
  const fieldValue = (entry: Pick<AuditEntry, "action">, name: string, value: string) => {
    if (value === "true" || value === "false") return t(value === "true" ? "yes" : "no");
    if (name === "role" || (entry.action === "staff.role_changed" && (name === "from" || name === "to"))) return roleName(value);
    return value;
  };

  function detail(entry: Pick<AuditEntry, "action">, part: AuditDetail): string {
    switch (part.kind) {
      case "provider":
        return t("provider", { provider: PROVIDER_LABELS[part.provider as keyof typeof PROVIDER_LABELS] ?? part.provider });
      case "status":
        return t("statusChange", { from: statusName(part.from), to: statusName(part.to) });
      case "field":
        return t(`field.${part.name}`, { value: fieldValue(entry, part.name, part.value) });
      case "changed":
        return t("changed", { fields: part.fields.map(fieldName).join(", ") });
      case "relinked":
        return t("relinked", { from: part.from, to: part.to });
      case "sessionsRemoved":
        return t("sessionsRemoved", { count: part.count });
      case "queryKeys":
        return part.keys.length > 0 ? t("queryKeys", { keys: part.keys.join(", ") }) : t("noQueryKeys");
    }
  }

  const text = {
    actor: (entry: Pick<AuditEntry, "actor" | "actorKind">) => entry.actor ?? t(`actor.${entry.actorKind}`),
    details: (entry: Pick<AuditEntry, "action" | "details">) => entry.details.map((part) => detail(entry, part)).join("; "),
    action: (action: string) => {
      const key = auditActionKey(action);
      return key ? audit(key) : action;
    },
  };
  return text;
}

/** The audit trail as one CSV document in `locale`, byte order mark first. */
export function auditCsv(entries: readonly AuditEntry[], locale: Locale): string {
  const t = translator(locale, "auditText");
  const text = auditText(locale);
  return (
    UTF8_BOM +
    toCsv(
      CSV_COLUMNS.map((column) => t(`csv.${column}`)),
      entries.map((entry) => [entry.at, text.action(entry.action), text.actor(entry), entry.employee, entry.sessionId, text.details(entry)]),
    )
  );
}
