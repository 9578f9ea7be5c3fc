import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicNotice } from "@/components/public-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("statusPage");
  return { title: t("pageNotFoundTitle") };
}

// Any address the portal does not know, in the visitor's language (Next's built-in page is English only).
export default async function NotFound() {
  const t = await getTranslations("statusPage");
  return <PublicNotice title={t("pageNotFoundTitle")} body={t("pageNotFoundBody")} />;
}
