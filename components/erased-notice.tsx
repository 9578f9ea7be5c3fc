"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert } from "./ui/alert";

/** After Erase the browser lands on /employees?erased=<sessions removed>: say what happened, and what did not. */
export function ErasedNotice() {
  const t = useTranslations("employees");
  const pathname = usePathname();
  const erased = useSearchParams().get("erased");
  if (pathname !== "/employees" || erased === null || !/^\d{1,6}$/.test(erased)) return null;
  const sessions = Number(erased);
  return (
    <Alert tone="success" className="mb-4" data-testid="erased-notice">
      {t("erased", { sessions })}
    </Alert>
  );
}
