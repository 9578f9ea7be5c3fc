"use client";

import { createContext, useContext, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { StatusBadge, VerifiedBadge } from "@/components/status-badge";
import { LocalTime } from "@/components/local-time";
import { useBackoffPolling } from "./use-backoff-polling";
import type { VerificationStatus } from "@/lib/verification/status";
import { PROVIDER_LABELS } from "@/lib/verification/verified";
import { formatDate } from "@/lib/format/dates";
import type { Provider } from "@/lib/generated/prisma/enums";

type Live = { status: VerificationStatus; statusChangedAt: string };
type Statuses = Record<string, Live>;

const LiveContext = createContext<Statuses>({});
const LIVE: readonly VerificationStatus[] = ["pending", "unknown"];

/** The newer of two observations of one session (the server's render or a poll). */
function newer(a: Live | undefined, b: Live | undefined): Live | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.statusChangedAt) > Date.parse(a.statusChangedAt) ? b : a;
}

/**
 * Keeps the visible sessions' statuses current: ONE request for every visible pending session,
 * with the status page's backoff, paused while the tab is hidden, stopped when none is pending.
 * Sessions that appear after a re-render (e.g. a new Verify) join without a reload.
 */
export function LiveStatuses({ initial, children }: { initial: Statuses; children: React.ReactNode }) {
  const [updates, setUpdates] = useState<Statuses>({});
  const statuses: Statuses = Object.fromEntries(Object.keys({ ...initial, ...updates }).map((ref) => [ref, newer(initial[ref], updates[ref])!]));
  const pending = Object.keys(statuses).filter((reference) => LIVE.includes(statuses[reference].status));
  const key = pending.sort().join(",");

  useBackoffPolling(key || null, async () => {
    const response = await fetch("/api/employees/statuses", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ references: key.split(",") }),
      cache: "no-store",
    });
    if (!response.ok) throw new Error(String(response.status));
    const { statuses: next } = (await response.json()) as { statuses: Statuses };
    const changed = Object.entries(next).filter(([reference, live]) => statuses[reference]?.status !== live.status);
    if (changed.length === 0) return false;
    setUpdates((current) => ({ ...current, ...Object.fromEntries(changed) }));
    return true;
  });

  return <LiveContext.Provider value={statuses}>{children}</LiveContext.Provider>;
}

/** The live status of one session, when a LiveStatuses above tracks it. */
export function useLiveStatus(reference: string | null): Live | undefined {
  const statuses = useContext(LiveContext);
  return reference ? statuses[reference] : undefined;
}

type Attempt = { reference: string; status: VerificationStatus; statusChangedAt: string; provider: Provider };

/**
 * One employee's verification in the list: the fact ("Verified 26 Nov 2026 · BankID"), which no later
 * attempt erases, and beside it the attempt in flight or the latest one that did not verify them.
 */
export function LiveVerification({
  verified,
  attempt,
}: {
  verified: { at: string; provider: Provider | null; onReplacedLink: boolean } | null;
  attempt: (Attempt & { verifiedBy: boolean }) | null;
}) {
  const t = useTranslations("employees");
  const locale = useLocale();
  const live = useLiveStatus(attempt?.reference ?? null);
  const status = live?.status ?? attempt?.status;
  const changedAt = live?.statusChangedAt ?? attempt?.statusChangedAt;
  // The attempt just approved: that is the fact now, until the next render brings it from the database.
  const fact =
    attempt && status === "approved" && !attempt.verifiedBy ? { at: changedAt!, provider: attempt.provider, onReplacedLink: false } : verified;
  const showAttempt = attempt && status && !(status === "approved" || attempt.verifiedBy);
  return (
    <div className="flex flex-col items-start gap-1" data-testid="verification">
      {fact ? <VerifiedBadge /> : !showAttempt && <StatusBadge status={null} />}
      {fact && (
        <span className="text-xs text-slate-600" data-testid="verified-on">
          {formatDate(fact.at, "date", locale)}
          {fact.provider ? ` · ${PROVIDER_LABELS[fact.provider]}` : ""}
          {fact.onReplacedLink ? ` · ${t("onReplacedLink")}` : ""}
        </span>
      )}
      {showAttempt && (
        <span className="flex items-center gap-1 text-xs text-slate-600">
          {fact && <span>{status === "pending" || status === "starting" ? t("reverification") : t("lastAttempt")}</span>}
          <StatusBadge status={status} />
        </span>
      )}
    </div>
  );
}

export function LiveChangedAt({ reference, value }: { reference: string; value: string }) {
  const live = useLiveStatus(reference);
  return <LocalTime value={live?.statusChangedAt ?? value} />;
}
