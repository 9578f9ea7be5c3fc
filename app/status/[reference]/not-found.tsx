import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicNotice } from "@/components/public-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("statusPage");
  return { title: t("notFoundTitle"), referrer: "no-referrer" };
}

export default async function StatusNotFound() {
  const t = await getTranslations("statusPage");
  return <PublicNotice eyebrow={t("eyebrow")} title={t("notFoundTitle")} body={t("notFoundBody")} />;
}
