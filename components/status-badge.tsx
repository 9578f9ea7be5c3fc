import { useTranslations } from "next-intl";
import { STATUS, type VerificationStatus } from "@/lib/verification/status";
import { Badge } from "./ui/badge";

/** An attempt's status; `null` for an employee with no verification. */
export function StatusBadge({ status }: { status: VerificationStatus | null }) {
  const t = useTranslations("status");
  if (!status) return <Badge tone="muted">{t("none")}</Badge>;
  return (
    <Badge tone={STATUS[status].tone} data-status={status}>
      {t(status)}
    </Badge>
  );
}

/** The verification fact, which no later attempt erases. */
export function VerifiedBadge() {
  const t = useTranslations("status");
  return (
    <Badge tone="success" data-verified="true">
      {t("approved")}
    </Badge>
  );
}
