import { STATUS, type VerificationStatus } from "@/lib/verification/status";
import { Badge } from "./ui/badge";

/** An attempt's status; `null` for an employee with no verification. */
export function StatusBadge({ status }: { status: VerificationStatus | null }) {
  if (!status) return <Badge tone="muted">Not verified</Badge>;
  return (
    <Badge tone={STATUS[status].tone} data-status={status}>
      {STATUS[status].label}
    </Badge>
  );
}

/** The verification fact, which no later attempt erases. */
export function VerifiedBadge() {
  return (
    <Badge tone="success" data-verified="true">
      Verified
    </Badge>
  );
}
