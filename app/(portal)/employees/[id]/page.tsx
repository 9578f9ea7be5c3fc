import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff, hasRole } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { findEmployeeWithHistory } from "@/lib/db/employees";
import { employeeName } from "@/lib/employees/name";
import { VerifyButton, VerifyDialogProvider } from "@/components/verify-dialog";
import { AuditTrail } from "@/components/audit-trail";
import { EmployeeCorrections, EmployeeNotice } from "@/components/employee-corrections";
import { Alert } from "@/components/ui/alert";
import { BackToEmployees } from "@/components/back-to-employees";
import { VerificationSummary } from "./verification-summary";
import { EmployeeDetails } from "./details";
import { OnboardingSection } from "./onboarding-section";
import { ReadinessChecklist } from "@/components/readiness-checklist";
import { VerificationHistory } from "./history";
import { InvitationStatus } from "@/components/invitation-status";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("employee"))("title") };
}

export default async function EmployeePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ added?: string; existing?: string }>;
}) {
  const staff = await requireStaff();
  const [{ id }, { added, existing }] = await Promise.all([params, searchParams]);
  const employee = await findEmployeeWithHistory(id);
  if (!employee) notFound();
  const name = employeeName(employee);
  const t = await getTranslations("employee");

  return (
    <>
      <BackToEmployees />
      <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold">{name}</h1>
          <VerificationSummary employee={employee} />
          <InvitationStatus employeeId={employee.id} />
        </div>
        {hasRole(staff, CAN_VERIFY) && !employee.archivedAt && (
          <VerifyDialogProvider>
            <VerifyButton employeeId={employee.id} employeeName={name} />
          </VerifyDialogProvider>
        )}
      </div>

      {added && (
        <Alert tone="success" className="mt-4">
          {t(added === "created" ? "added" : "updated", { efUserId: employee.efUserId })}
        </Alert>
      )}
      <EmployeeNotice employeeId={employee.id} existing={existing === "1"} />
      <ReadinessChecklist employee={employee} />
      <EmployeeDetails employee={employee} />
      <EmployeeCorrections employeeId={employee.id} />
      <OnboardingSection employee={employee} />
      <VerificationHistory sessions={employee.sessions} />
      <AuditTrail employeeId={employee.id} />
    </>
  );
}
