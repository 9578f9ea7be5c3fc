import Link from "next/link";
import { useTranslations } from "next-intl";

/** The "← Employees" link above a page that belongs to the list. */
export function BackToEmployees() {
  const t = useTranslations("employees");
  return (
    <p className="text-sm">
      <Link href="/employees" className="text-slate-600 underline hover:text-slate-950">
        ← {t("title")}
      </Link>
    </p>
  );
}
