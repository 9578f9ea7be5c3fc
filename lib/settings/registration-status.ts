// How Settings words a return URL's approval. No I/O: pages import it too.

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

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  approved: "Approved",
  pending: "Pending approval",
  other: "Not approved",
};

/** "at registration: Pending approval", or the raw value when it is not one we recognise. */
export function atRegistrationLabel(status: string): string {
  const known = registrationStatusOf(status);
  return `at registration: ${known === "other" ? `“${status}”` : REGISTRATION_STATUS_LABELS[known]}`;
}

/**
 * What the portal knows about the approval now, from evidence only: a verification that started with the
 * URL proves it approved, EasyFreelance refusing one (422 on partner_return_url) proves it is not, and
 * before either the portal does not know.
 */
export type Approval = "approved" | "not_approved" | "unknown";

export const APPROVAL_LABELS: Record<Approval, string> = {
  approved: "Approved",
  not_approved: "Not approved",
  unknown: "Not known yet",
};

/** Shown before "Register again" and in the server's refusal: there is no way to re-read a registration. */
export const REGISTER_AGAIN_WARNING = "This files a new registration request with EasyFreelance; it does not read the status of the existing one.";
