import { useTranslations } from "next-intl";
import type { EmployeeWithHistory } from "@/lib/db/employees";
import { LocalTime } from "@/components/local-time";
import { Card } from "@/components/ui/card";

export function EmployeeDetails({ employee }: { employee: EmployeeWithHistory }) {
  const t = useTranslations("employee");
  return (
    <Card title={t("details")} headingId="details-heading">
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">{t("email")}</dt>
          <dd className="break-all">{employee.email}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("efId")}</dt>
          <dd className="tabular-nums" data-testid="ef-user-id">
            {employee.efUserId}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("internalId")}</dt>
          <dd>{employee.internalId ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("since")}</dt>
          <dd>
            <LocalTime value={employee.createdAt} />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
