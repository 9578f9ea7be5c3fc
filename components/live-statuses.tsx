"use client";

import { createContext, useContext, useState, useSyncExternalStore } from "react";
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

/** The attempt a row shows beside the verification fact: the open one (whose link works) or else the newest. */
export type Attempt = { reference: string; status: VerificationStatus; statusChangedAt: string; provider: Provider };
/** As the server rendered it, knowing whether it is the attempt that verified the employee. */
export type ListedAttempt = Attempt & { verifiedBy: boolean };

const LiveContext = createContext<Statuses>({});
const AttemptsContext = createContext<Record<string, ListedAttempt | null>>({});
/** Given by a list of employees: the Verify dialog tells it what it learnt. Null: no list here (the employee's own page). */
export const LearnAttemptContext = createContext<((employeeId: string, attempt: Attempt) => void) | null>(null);
const LIVE: readonly VerificationStatus[] = ["pending", "unknown"];

// Attempts learnt in this tab after the list was rendered, by employee id: a Verify or start over (whose server
// action no longer re-renders the list) or the Verify dialog's fresh read. Outside React state, so a list that Back
// restores from the router's cache, as it was before the Verify, still shows them.
const NONE: ReadonlyMap<string, Attempt> = new Map();
let learnt = NONE;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
function learnAttempt(employeeId: string, attempt: Attempt) {
  learnt = new Map(learnt).set(employeeId, attempt);
  for (const listener of listeners) listener();
}

const isLater = (a: Live, b: Live) => Date.parse(b.statusChangedAt) > Date.parse(a.statusChangedAt);

/** The newer of two observations of one session (the server's render, a poll, the dialog). */
function newer(a: Live | undefined, b: Live | undefined): Live | undefined {
  if (!a || !b) return a ?? b;
  return isLater(a, b) ? b : a;
}

/** A row's attempt: the server's, or the one learnt since when that is a newer session (the same one: its newer status). */
function shownAttempt(listed: ListedAttempt | null, known: Attempt | undefined): ListedAttempt | null {
  if (!known) return listed;
  if (!listed) return { ...known, verifiedBy: false };
  if (known.reference === listed.reference) {
    const { status, statusChangedAt } = newer(listed, known)!;
    return { ...listed, status, statusChangedAt };
  }
  return isLater(listed, known) ? { ...known, verifiedBy: false } : listed;
}

/**
 * Keeps the rows' attempts current: ONE request for every visible pending session, with the status page's
 * backoff (or just after the soonest session's next check with EasyFreelance), paused while the tab is hidden,
 * stopped when none is pending. `attempts` is the server's render, by employee id; a session the Verify dialog
 * starts (or learns of) replaces its row's and joins without a reload.
 */
export function LiveStatuses({ attempts, children }: { attempts: Record<string, ListedAttempt | null>; children: React.ReactNode }) {
  const known = useSyncExternalStore(
    subscribe,
    () => learnt,
    () => NONE,
  );
  const [updates, setUpdates] = useState<Statuses>({});
  const rows = Object.fromEntries(Object.entries(attempts).map(([employeeId, listed]) => [employeeId, shownAttempt(listed, known.get(employeeId))]));
  const statuses: Statuses = {};
  for (const attempt of Object.values(rows)) if (attempt) statuses[attempt.reference] = newer(attempt, updates[attempt.reference])!;
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
    const { statuses: next, checkInMs } = (await response.json()) as { statuses: Statuses; checkInMs: number | null };
    const changed = Object.entries(next).filter(([reference, live]) => statuses[reference]?.status !== live.status);
    if (changed.length === 0) return { changed: false, checkInMs };
    setUpdates((current) => ({ ...current, ...Object.fromEntries(changed) }));
    return { changed: true, checkInMs };
  });

  return (
    <LearnAttemptContext.Provider value={learnAttempt}>
      <AttemptsContext.Provider value={rows}>
        <LiveContext.Provider value={statuses}>{children}</LiveContext.Provider>
      </AttemptsContext.Provider>
    </LearnAttemptContext.Provider>
  );
}

/** The live status of one session, when a LiveStatuses above tracks it. */
export function useLiveStatus(reference: string | null): Live | undefined {
  const statuses = useContext(LiveContext);
  return reference ? statuses[reference] : undefined;
}

/** One row's attempt with its live status, or null when the employee has none. */
function useRowAttempt(employeeId: string): ListedAttempt | null {
  const attempt = useContext(AttemptsContext)[employeeId] ?? null;
  const live = useLiveStatus(attempt?.reference ?? null);
  return attempt && live ? { ...attempt, status: live.status, statusChangedAt: live.statusChangedAt } : attempt;
}

/**
 * One employee's verification in the list: the fact ("Verified 26 Nov 2026 · BankID"), which no later
 * attempt erases, and beside it the attempt in flight or the latest one that did not verify them.
 */
export function LiveVerification({
  employeeId,
  verified,
}: {
  employeeId: string;
  verified: { at: string; provider: Provider | null; onReplacedLink: boolean } | null;
}) {
  const t = useTranslations("employees");
  const locale = useLocale();
  const attempt = useRowAttempt(employeeId);
  const status = attempt?.status;
  // The attempt just approved: that is the fact now, until the next render brings it from the database.
  const fact =
    attempt && status === "approved" && !attempt.verifiedBy
      ? { at: attempt.statusChangedAt, provider: attempt.provider, onReplacedLink: false }
      : verified;
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

/** When the row's attempt last changed; a dash when the employee has none. */
export function LiveChangedAt({ employeeId }: { employeeId: string }) {
  const attempt = useRowAttempt(employeeId);
  return attempt ? <LocalTime value={attempt.statusChangedAt} /> : "—";
}
