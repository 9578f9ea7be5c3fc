import { useTranslations } from "next-intl";
import { Button } from "./ui/button";

/**
 * The compliance export (admins; the route checks the role). A form POST, not a link: the export writes an
 * audit row, and the route accepts it only from the portal's own origin. The file downloads in place.
 */
export function ReadinessExportButton() {
  const t = useTranslations("readiness.export");
  return (
    <form method="post" action="/employees/compliance-export">
      <Button type="submit" className="font-medium">
        {t("button")}
      </Button>
    </form>
  );
}
