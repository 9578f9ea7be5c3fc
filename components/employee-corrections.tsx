// The employee page's corrections (edit, relink, archive, erase) and its notices about them.
// Self-contained server components: each reads the staff member and the employee itself, so the page
// mounts them with one line each.
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/catalogue";
import { currentStaff, hasRole } from "@/lib/auth/session";
import { ADMIN_ONLY, CAN_VERIFY } from "@/lib/auth/roles";
import { findEmployeeIdentity } from "@/lib/db/employee-corrections";
import { employeeName } from "@/lib/employees/name";
import { LocalTime } from "./local-time";
import { Alert } from "./ui/alert";
import { Card } from "./ui/card";
import { CorrectionDialogs, UnarchiveButton } from "./employee-corrections-dialogs";

/** Buttons and their dialogs; nothing for viewers (the actions refuse them too). */
export async function EmployeeCorrections({ employeeId }: { employeeId: string }) {
  const [staff, employee] = await Promise.all([currentStaff(), findEmployeeIdentity(employeeId)]);
  if (!staff || !employee || !hasRole(staff, CAN_VERIFY)) return null;
  const [t, locale] = await Promise.all([getTranslations("corrections"), getLocale()]);
  return (
    <Card title={t("title")} headingId="corrections-heading" data-testid="corrections">
      <p className="mt-1 text-sm text-slate-600">{t(hasRole(staff, ADMIN_ONLY) ? "introAdmin" : "intro")}</p>
      <NextIntlClientProvider messages={portalClientMessages(locale, ["corrections"])}>
        <CorrectionDialogs
          employee={{
            id: employee.id,
            name: employeeName(employee),
            email: employee.email,
            firstName: employee.firstName,
            lastName: employee.lastName,
            internalId: employee.internalId ?? "",
            efUserId: employee.efUserId,
            archived: employee.archivedAt !== null,
          }}
          canErase={hasRole(staff, ADMIN_ONLY)}
        />
      </NextIntlClientProvider>
    </Card>
  );
}

/** "Already in the portal" (after Add employee with a known email) and "Archived", with Unarchive for staff who may. */
export async function EmployeeNotice({ employeeId, existing }: { employeeId: string; existing?: boolean }) {
  const [staff, employee] = await Promise.all([currentStaff(), findEmployeeIdentity(employeeId)]);
  if (!staff || !employee) return null;
  const name = employeeName(employee);
  const canCorrect = hasRole(staff, CAN_VERIFY);
  const [t, locale] = await Promise.all([getTranslations("corrections"), getLocale()]);
  const archived = employee.archivedAt !== null;
  return (
    <>
      {existing && (
        <Alert tone="warning" className="mt-4" data-testid="already-in-portal">
          {t(archived ? "alreadyInPortalArchived" : "alreadyInPortal", { name })}
        </Alert>
      )}
      {employee.archivedAt && (
        <Alert tone="neutral" as="div" role="none" className="mt-4 flex flex-wrap items-center justify-between gap-3" data-testid="archived-notice">
          <p>
            {t.rich("archivedNotice", {
              strong: (chunks) => <strong>{chunks}</strong>,
              when: () => <LocalTime value={employee.archivedAt!} />,
            })}
          </p>
          {canCorrect && (
            <NextIntlClientProvider messages={portalClientMessages(locale, ["corrections"])}>
              <UnarchiveButton employeeId={employee.id} />
            </NextIntlClientProvider>
          )}
        </Alert>
      )}
    </>
  );
}
