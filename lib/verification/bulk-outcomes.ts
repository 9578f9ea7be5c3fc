// Bulk invite's outcomes per employee, shared by the domain (lib/verification/invitations.ts) and the list's
// client component (components/bulk-invite.tsx), which must not import the server-only domain.
import type { MailFailure } from "@/lib/mail/send";

/** At most this many employees per call; "all that match" continues with the next batch (the caller's cursor). */
export const BULK_INVITE_LIMIT = 1000;
/** "All that match" asks for this many a call: each call stays well under a minute and the progress moves. */
export const BULK_FILTER_BATCH = 250;

export const BULK_OUTCOMES = ["sent", "already_invited", "already_verified", "no_email", "failed", "archived", "gone"] as const;
export type BulkOutcome = (typeof BULK_OUTCOMES)[number];

export type BulkInviteResult = {
  employeeId: string;
  name: string;
  outcome: BulkOutcome;
  /** sent: the open invitation was reused (never delivered before, or its last send failed) rather than created. */
  reused?: boolean;
  failure?: MailFailure | "no_link" | "closed";
};

export type BulkInviteReport = { results: BulkInviteResult[]; counts: Record<BulkOutcome, number> };
