import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { portalClientMessages } from "@/lib/i18n/catalogue";
import { requireStaff } from "@/lib/auth/session";
import { CAN_VERIFY } from "@/lib/auth/roles";
import { AddEmployeeForm } from "@/components/add-employee-form";
import { BackToEmployees } from "@/components/back-to-employees";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("addEmployee"))("title") };
}

export default async function AddEmployeePage() {
  await requireStaff(CAN_VERIFY);
  const [t, locale] = await Promise.all([getTranslations("addEmployee"), getLocale()]);
  return (
    <>
      <BackToEmployees />
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-2 max-w-2xl text-sm text-slate-600">{t("intro")}</p>
      <NextIntlClientProvider messages={portalClientMessages(locale, ["addEmployee"])}>
        <AddEmployeeForm />
      </NextIntlClientProvider>
    </>
  );
}
