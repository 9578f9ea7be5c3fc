"use client";

import { useEffect, useState } from "react";
import type { PublicStatus } from "@/lib/verification/public-status";

const POLL_MS = 2000;

export function StatusPoller({ reference, initial }: { reference: string; initial: PublicStatus }) {
  const [status, setStatus] = useState(initial);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    if (status.final) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/status/${reference}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as PublicStatus;
        if (!cancelled) {
          setOffline(false);
          setStatus(next);
        }
      } catch {
        // Keep the last known status; try again on the next tick.
        if (!cancelled) setOffline(true);
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [reference, status]);

  return (
    <section aria-live="polite" data-status={status.status}>
      <h1 className="mt-2 text-2xl font-semibold">{status.title}</h1>
      <p className="mt-3 text-slate-700">{status.message}</p>
      {!status.final && (
        <p className="mt-6 text-sm text-slate-500">
          {offline ? "Connection problem — retrying…" : "Checking for updates…"}
        </p>
      )}
    </section>
  );
}
