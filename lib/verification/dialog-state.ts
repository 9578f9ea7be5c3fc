import "server-only";
import { findEmployee } from "@/lib/db/employees";
import { findActiveSessions, findLatestSession } from "@/lib/db/sessions";
import type { IdType, Provider, VerificationStatus } from "@/lib/generated/prisma/enums";
import { refreshSession } from "./status-refresh";
import { describeVerification } from "./verified-text";
import type { Locale } from "@/lib/i18n/locales";
import { invitationForHr, type InvitationSummary } from "./invitations";

export type OpenVerification = {
  sessionId: string;
  reference: string;
  provider: Provider;
  idType: IdType | null;
  verificationUrl: string;
  expiresAt: string | null;
  /** When it became what it is (pending): the Employees list shows the newer of this and its own render. */
  statusChangedAt: string;
  statusPageUrl: string;
};

/** What the Verify dialog shows, read from the server every time it opens (never a cached session). */
export type VerifyDialogState = {
  employeeId: string;
  archived: boolean;
  /** "26 Nov 2026 with BankID" (in the reader's language), when the employee is verified. */
  verified: { at: string; description: string; onReplacedLink: boolean } | null;
  /** The pending session whose link works, if any. */
  open: OpenVerification | null;
  /** A start (or start over) is in flight right now. */
  starting: boolean;
  /** The newest attempt when it is not the open one, e.g. a start that failed. */
  lastAttempt: { reference: string; provider: Provider; status: VerificationStatus; at: string; failureReason: string | null } | null;
  /** The employee's open invitation (link, QR code, delivery), if any. */
  invitation: InvitationSummary | null;
};

export function openVerificationOf(session: {
  id: string;
  reference: string;
  provider: Provider;
  idType: IdType | null;
  verificationUrl: string | null;
  expiresAt: Date | null;
  statusChangedAt: Date;
}): OpenVerification {
  return {
    sessionId: session.id,
    reference: session.reference,
    provider: session.provider,
    idType: session.idType,
    verificationUrl: session.verificationUrl ?? "",
    expiresAt: session.expiresAt?.toISOString() ?? null,
    statusChangedAt: session.statusChangedAt.toISOString(),
    statusPageUrl: `/status/${session.reference}`,
  };
}

export async function getVerifyDialogState(employeeId: string, locale: Locale, now = new Date()): Promise<VerifyDialogState | null> {
  const [employee, active, latest] = await Promise.all([findEmployee(employeeId), findActiveSessions(employeeId), findLatestSession(employeeId)]);
  if (!employee) return null;
  const pending = active.find((session) => session.status === "pending");
  // Ask EasyFreelance (through the coalesced refresh) whether the open link is still open: HR is looking now, so
  // this is a person's call, whether or not the employee has come back through the return URL.
  const open = pending ? await refreshSession(pending, now, { person: true }) : null;
  const stillOpen = open && open.status === "pending" && (!open.expiresAt || open.expiresAt > now) ? open : null;
  // `latest` was read before the refresh: when it is the session just refreshed, show what the refresh found
  // (e.g. "cancelled"), not the "pending" it was a moment ago.
  const newest = latest && open && latest.id === open.id ? { ...latest, status: open.status, statusChangedAt: open.statusChangedAt } : latest;
  // The refresh may just have verified the employee: read the fact again only then.
  const fact = open && open.status === "approved" ? await findEmployee(employeeId) : employee;
  const invitation = await invitationForHr(employeeId, now, true);
  return {
    employeeId,
    archived: employee.archivedAt !== null,
    verified: fact?.verifiedAt
      ? { at: fact.verifiedAt.toISOString(), description: describeVerification(fact, locale), onReplacedLink: fact.verifiedOnReplacedLink }
      : null,
    open: stillOpen ? openVerificationOf(stillOpen) : null,
    starting: active.some((session) => session.status === "starting"),
    lastAttempt:
      newest && newest.id !== stillOpen?.id
        ? {
            reference: newest.reference,
            provider: newest.provider,
            status: newest.status,
            at: newest.statusChangedAt.toISOString(),
            failureReason: newest.failureReason,
          }
        : null,
    invitation,
  };
}
