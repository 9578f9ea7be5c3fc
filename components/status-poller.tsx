"use client";

import { useEffect, useRef, useState } from "react";
import type { PublicStatus } from "@/lib/verification/public-status";
import { nextPollDelay } from "@/lib/verification/poll-backoff";

export function StatusPoller({ reference, initial }: { reference: string; initial: PublicStatus }) {
  const [status, setStatus] = useState(initial);
  const [offline, setOffline] = useState(false);
  // Answers in a row that changed nothing: drives the backoff, reset by any change.
  const unchanged = useRef(0);

  useEffect(() => {
    if (status.final) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;

    const poll = async () => {
      timer = undefined;
      inFlight = true;
      try {
        const response = await fetch(`/api/status/${reference}`, { cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as PublicStatus;
        if (cancelled) return;
        setOffline(false);
        if (next.status !== status.status) {
          unchanged.current = 0;
          setStatus(next); // re-runs this effect, which schedules the next (fast) poll
          return;
        }
        unchanged.current += 1;
      } catch {
        // Keep the last known status; back off and try again.
        if (cancelled) return;
        setOffline(true);
        unchanged.current += 1;
      } finally {
        inFlight = false;
      }
      schedule();
    };
    const schedule = () => {
      if (cancelled || document.hidden) return;
      timer = setTimeout(poll, nextPollDelay(unchanged.current));
    };
    // A hidden tab stops polling; coming back asks at once, fast again.
    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        timer = undefined;
      } else if (!timer && !inFlight) {
        unchanged.current = 0;
        void poll();
      }
    };

    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [reference, status]);

  return (
    <section data-status={status.status}>
      {/* Announced to screen readers whenever the status changes (not on every poll). */}
      <div role="status" aria-live="polite" aria-atomic="true">
        <h1 className="mt-2 text-2xl font-semibold">{status.title}</h1>
        <p className="mt-3 text-slate-700">{status.message}</p>
      </div>
      {!status.final && (
        <p className="mt-6 text-sm text-slate-500">
          {offline ? "Connection problem — retrying…" : "Checking for updates…"}
        </p>
      )}
    </section>
  );
}
