import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/session";
import { ADMIN_ONLY } from "@/lib/auth/roles";
import { listStaff } from "@/lib/db/staff";
import { pickNamespaces } from "@/lib/i18n/catalogue";
import { TEMPORARY_PASSWORD_HOURS } from "@/lib/auth/temporary-password";
import { CreateStaffForm, StaffRowActions } from "@/components/staff-forms";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

export default async function StaffPage() {
  const me = await requireStaff(ADMIN_ONLY);
  const [staff, t, tRole, locale] = await Promise.all([listStaff(), getTranslations("staff"), getTranslations("role"), getLocale()]);
  return (
    <NextIntlClientProvider messages={pickNamespaces(locale, ["staff", "role"])}>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <Table className="mt-6">
        <TableHead>
          <Th>{t("columns.name")}</Th>
          <Th>{t("columns.email")}</Th>
          <Th>{t("columns.role")}</Th>
          <Th>{t("columns.status")}</Th>
        </TableHead>
        <TableBody>
          {staff.map((member) => (
            <tr key={member.id} data-testid={`staff-${member.email}`}>
              <Td className="font-medium">{member.name}</Td>
              <Td className="break-all text-slate-700">{member.email}</Td>
              <Td colSpan={2}>
                {member.id === me.id ? (
                  <span className="text-slate-600">{t("you", { role: tRole(member.role) })}</span>
                ) : (
                  <StaffRowActions
                    staffId={member.id}
                    name={member.name}
                    role={member.role}
                    active={member.active}
                    secondFactor={member.totpEnabledAt !== null}
                    hours={TEMPORARY_PASSWORD_HOURS}
                  />
                )}
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <h2 className="mt-10 text-lg font-semibold">{t("add.heading")}</h2>
      <CreateStaffForm hours={TEMPORARY_PASSWORD_HOURS} />
    </NextIntlClientProvider>
  );
}
