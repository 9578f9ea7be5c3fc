import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitationPage");
  return { title: t("notFoundTitle"), referrer: "no-referrer" };
}

export default async function InvitationNotFound() {
  const t = await getTranslations("invitationPage");
  return (
    <PublicPage>
      <p className="text-sm font-medium text-slate-600">{t("eyebrow")}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("notFoundBody")}</p>
    </PublicPage>
  );
}
