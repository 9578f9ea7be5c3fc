"use client";

import { useEffect, useRef } from "react";
import { nextPollDelay } from "@/lib/verification/poll-backoff";

/**
 * Runs `check` on the status page's schedule: fast at first, slower while answers change nothing (a
 * failed check counts as unchanged), paused while the tab is hidden and asked at once, fast again, when it
 * is shown. Restarts when `key` changes; a null key stops it. `check` resolves true when something changed.
 */
export function useBackoffPolling(key: string | null, check: () => Promise<boolean>) {
  const unchanged = useRef(0);
  const latestCheck = useRef(check);
  useEffect(() => {
    latestCheck.current = check;
  });

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;

    const schedule = () => {
      if (!cancelled && !document.hidden) timer = setTimeout(poll, nextPollDelay(unchanged.current));
    };
    const poll = async () => {
      timer = undefined;
      inFlight = true;
      let changed = false;
      try {
        changed = await latestCheck.current();
      } catch {
        // Keep what is shown; back off and try again.
      } finally {
        inFlight = false;
      }
      unchanged.current = changed ? 0 : unchanged.current + 1;
      schedule();
    };
    const onVisibility = () => {
      clearTimeout(timer);
      timer = undefined;
      if (!document.hidden && !inFlight) {
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
  }, [key]);
}
