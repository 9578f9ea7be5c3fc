// How Settings words a return URL's approval: the message keys (catalogue namespace `settings`). No I/O and
// no catalogue: client components import it too.

/**
 * The status EasyFreelance answered when the portal registered a URL. The values are not published
 * ("pending admin review vs approved"): only "approved" counts as approved, anything else is shown as
 * EasyFreelance sent it and treated as not approved (fail closed). It is never read again (there is no
 * endpoint for that), so it only says what was true at registration time.
 */
export type RegistrationStatus = "approved" | "pending" | "other";

export function registrationStatusOf(status: string): RegistrationStatus {
  const value = status.trim().toLowerCase();
  if (value === "approved") return "approved";
  if (value === "pending" || value === "pending_review" || value === "requested") return "pending";
  return "other";
}

/** "at registration: Pending approval", or the raw value when it is not one we recognise: its message and values. */
export function atRegistrationMessage(status: string) {
  const known = registrationStatusOf(status);
  const key = known === "other" ? "atRegistrationRaw" : known === "approved" ? "atRegistrationApproved" : "atRegistrationPending";
  return { key, values: { status } } as const;
}

/**
 * What the portal knows about the approval now, from evidence only: a verification that started with the
 * URL proves it approved, EasyFreelance refusing one (422 on partner_return_url) proves it is not, and
 * before either the portal does not know.
 */
export type Approval = "approved" | "not_approved" | "unknown";

export const APPROVAL_KEYS = {
  approved: "approval.approved",
  not_approved: "approval.not_approved",
  unknown: "approval.unknown",
} as const satisfies Record<Approval, string>;
