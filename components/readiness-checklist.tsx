import { useLocale, useTranslations } from "next-intl";
import { formatDate } from "@/lib/format/dates";
import { readinessOf, READINESS_ITEMS, type CheckState, type VerificationFact } from "@/lib/verification/readiness";
import type { employeeOnboarding } from "@/lib/verification/onboarding";
import { LocalTime } from "./local-time";
import { Card } from "./ui/card";

const MARK: Record<CheckState, { sign: string; tone: string }> = {
  done: { sign: "✓", tone: "text-green-700" },
  missing: { sign: "✗", tone: "text-red-700" },
  unknown: { sign: "?", tone: "text-slate-500" },
};

/** The employee page's compact "ready to pay" checklist: identity (the verification fact), then onboarding. */
export function ReadinessChecklist({ employee }: { employee: VerificationFact & Parameters<typeof employeeOnboarding>[0] }) {
  const t = useTranslations("readiness");
  const step = useTranslations("onboardingStep");
  const provider = useTranslations("provider");
  const idType = useTranslations("idType");
  const locale = useLocale();
  const r = readinessOf(employee);
  // Row labels: the shared onboarding vocabulary, and our own for "onboarding complete".
  const label = (item: (typeof READINESS_ITEMS)[number]) =>
    item === "identity" ? step("id_verification") : item === "onboarded" ? t("checklist.onboarded") : step(item);
  return (
    <Card title={t("checklist.title")} headingId="readiness-heading" data-testid="readiness" data-ready={r.ready}>
      <p className={`mt-2 text-sm font-medium ${r.ready ? "text-green-800" : "text-amber-800"}`} data-testid="readiness-summary">
        {r.ready ? t("checklist.ready") : t("checklist.notReady")}
      </p>
      <ul className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {READINESS_ITEMS.map((item) => {
          const state = r.checks[item];
          return (
            <li key={item} data-item={item} data-state={state} className="flex flex-wrap items-baseline gap-x-2">
              <span aria-hidden className={`w-3 ${MARK[state].tone}`}>
                {MARK[state].sign}
              </span>
              <span>
                {label(item)}: <span className={state === "done" ? "text-green-800" : "font-medium text-slate-900"}>{t(`check.${state}`)}</span>
              </span>
              {item === "identity" && r.identity.verified && (
                <span className="text-xs text-slate-600">
                  {[r.identity.provider && provider(r.identity.provider), r.identity.idType && idType(r.identity.idType)].filter(Boolean).join(", ")}
                  {r.identity.provider ? ", " : ""}
                  <LocalTime value={r.identity.at} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {r.otherMissing.length > 0 && (
        <p className="mt-2 text-sm text-amber-800">{t("checklist.otherMissing", { steps: r.otherMissing.join(", ") })}</p>
      )}
      <p className="mt-2 text-xs text-slate-500">
        {r.onboardingAt ? t("checklist.asOf", { date: formatDate(r.onboardingAt, "dateTime", locale) }) : t("checklist.unknown")}
      </p>
    </Card>
  );
}
