"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/components/local-time";
import { nextPollDelay } from "@/lib/verification/poll-backoff";
import type { VerificationStatus } from "@/lib/verification/status";

type Live = { status: VerificationStatus; statusChangedAt: string };
type Statuses = Record<string, Live>;

const LiveContext = createContext<Statuses>({});
const LIVE: readonly VerificationStatus[] = ["pending", "unknown"];

/**
 * Keeps the visible sessions' statuses current: ONE request for every visible pending session,
 * with the status page's backoff, paused while the tab is hidden, stopped when none is pending.
 */
export function LiveStatuses({ initial, children }: { initial: Statuses; children: React.ReactNode }) {
  const [statuses, setStatuses] = useState(initial);
  const unchanged = useRef(0);
  const latest = useRef(statuses);
  useEffect(() => {
    latest.current = statuses;
  }, [statuses]);
  const pending = Object.keys(statuses).filter((reference) => LIVE.includes(statuses[reference].status));
  const key = pending.sort().join(",");

  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const poll = async () => {
      timer = undefined;
      inFlight = true;
      try {
        const response = await fetch("/api/employees/statuses", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ references: key.split(",") }),
          cache: "no-store",
        });
        if (!response.ok) throw new Error(String(response.status));
        const { statuses: next } = (await response.json()) as { statuses: Statuses };
        if (cancelled) return;
        const changed = Object.entries(next).filter(([reference, live]) => latest.current[reference]?.status !== live.status);
        if (changed.length > 0) {
          // Something moved: back to fast polling (the effect re-runs if the pending set changed).
          unchanged.current = 0;
          setStatuses((current) => ({ ...current, ...Object.fromEntries(changed) }));
        } else {
          unchanged.current += 1;
        }
      } catch {
        unchanged.current += 1;
      } finally {
        inFlight = false;
      }
      if (!cancelled && !document.hidden) timer = setTimeout(poll, nextPollDelay(unchanged.current));
    };
    const onVisibility = () => {
      clearTimeout(timer);
      timer = undefined;
      if (!document.hidden && !inFlight) timer = setTimeout(poll, 0);
    };
    if (!document.hidden) timer = setTimeout(poll, nextPollDelay(unchanged.current));
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [key]);

  return <LiveContext.Provider value={statuses}>{children}</LiveContext.Provider>;
}

export function LiveStatusBadge({ reference, status }: { reference: string; status: VerificationStatus }) {
  const live = useContext(LiveContext)[reference];
  return <StatusBadge status={live?.status ?? status} />;
}

export function LiveChangedAt({ reference, value }: { reference: string; value: string }) {
  const live = useContext(LiveContext)[reference];
  const at = live?.statusChangedAt ?? value;
  return <time dateTime={at}>{formatTime(at)}</time>;
}
