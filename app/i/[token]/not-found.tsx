import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicNotice } from "@/components/public-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitationPage");
  return { title: t("notFoundTitle"), referrer: "no-referrer" };
}

export default async function InvitationNotFound() {
  const t = await getTranslations("invitationPage");
  return <PublicNotice eyebrow={t("eyebrow")} title={t("notFoundTitle")} body={t("notFoundBody")} />;
}
