import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("statusPage");
  return { title: t("pageNotFoundTitle") };
}

// Any address the portal does not know, in the visitor's language (Next's built-in page is English only).
export default async function NotFound() {
  const t = await getTranslations("statusPage");
  return (
    <PublicPage>
      <h1 className="text-2xl font-semibold">{t("pageNotFoundTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("pageNotFoundBody")}</p>
    </PublicPage>
  );
}
