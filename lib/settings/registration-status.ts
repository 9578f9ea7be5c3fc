// How the portal reads a return-URL registration's status. EasyFreelance does not publish the values
// ("pending admin review vs approved"): only "approved" counts as approved, anything else is shown as
// EasyFreelance sent it and treated as not approved (fail closed). No I/O: pages import it too.
export type Approval = "approved" | "pending" | "other";

export function approvalOf(status: string): Approval {
  const value = status.trim().toLowerCase();
  if (value === "approved") return "approved";
  if (value === "pending" || value === "pending_review" || value === "requested") return "pending";
  return "other";
}

export const APPROVAL_LABELS: Record<Approval, string> = {
  approved: "Approved",
  pending: "Pending approval",
  other: "Not approved",
};
