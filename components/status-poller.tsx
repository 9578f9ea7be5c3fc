"use client";

import { useState } from "react";
import type { PublicStatus } from "@/lib/verification/public-status";
import { useBackoffPolling } from "./use-backoff-polling";

export function StatusPoller({ reference, initial }: { reference: string; initial: PublicStatus }) {
  const [status, setStatus] = useState(initial);
  const [offline, setOffline] = useState(false);
  useBackoffPolling(status.final ? null : `${reference}:${status.status}`, async () => {
    try {
      const response = await fetch(`/api/status/${reference}`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const next = (await response.json()) as PublicStatus;
      setOffline(false);
      if (next.status === status.status) return false;
      setStatus(next); // a new key: polling restarts, fast
      return true;
    } catch (error) {
      setOffline(true);
      throw error;
    }
  });

  return (
    <section data-status={status.status}>
      {/* Announced to screen readers whenever the status changes (not on every poll). */}
      <div role="status" aria-live="polite" aria-atomic="true">
        <h1 className="mt-2 text-2xl font-semibold">{status.title}</h1>
        <p className="mt-3 text-slate-700">{status.message}</p>
      </div>
      {!status.final && <p className="mt-6 text-sm text-slate-500">{offline ? "Connection problem — retrying…" : "Checking for updates…"}</p>}
    </section>
  );
}
