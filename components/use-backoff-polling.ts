"use client";

import { useEffect, useRef } from "react";
import { nextPollDelay } from "@/lib/verification/poll-backoff";

/** What one check learnt: whether anything changed, and when the server will next ask upstream (if it said). */
export type PollAnswer = { changed: boolean; checkInMs?: number | null };

/**
 * Runs `check` on the status page's schedule: fast at first, slower while answers change nothing (a
 * failed check counts as unchanged), just after the server's next upstream check when an answer says when
 * that is, paused while the tab is hidden and asked at once, fast again, when it is shown. Restarts when
 * `key` changes; a null key stops it. `firstCheckInMs`: what the server-rendered page said.
 */
export function useBackoffPolling(key: string | null, check: () => Promise<PollAnswer>, firstCheckInMs: number | null = null) {
  const unchanged = useRef(0);
  const checkInMs = useRef(firstCheckInMs);
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
      if (!cancelled && !document.hidden) timer = setTimeout(poll, nextPollDelay(unchanged.current, checkInMs.current));
    };
    const poll = async () => {
      timer = undefined;
      inFlight = true;
      let changed = false;
      checkInMs.current = null;
      try {
        const answer = await latestCheck.current();
        changed = answer.changed;
        checkInMs.current = answer.checkInMs ?? null;
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
