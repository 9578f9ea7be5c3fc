"use client";

import { createContext, useContext, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatTime } from "@/components/local-time";
import { useBackoffPolling } from "./use-backoff-polling";
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
    setStatuses((current) => ({ ...current, ...Object.fromEntries(changed) }));
    return true;
  });

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
