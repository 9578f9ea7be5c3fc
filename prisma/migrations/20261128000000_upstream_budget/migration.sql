-- Issue 14: one budget of EasyFreelance calls shared by every instance, and return-driven status refresh.

-- When the employee last came back through /return/<reference>: a pending session is asked about quickly
-- only after it (lib/verification/status.ts, refreshPlan).
ALTER TABLE "verification_sessions" ADD COLUMN "last_returned_at" TIMESTAMP(3);

-- The calls of the current window (a sliding log: at most `limit` in any `window`, whatever the boundaries of
-- EasyFreelance's own window), and a pause after a 429's Retry-After. One row per budget. A call in flight is
-- logged at the latest moment it can end (grant + hold); when it ends, at the moment it ended: so each entry is
-- never earlier than the call's arrival at EasyFreelance, however long it took to get there.
CREATE TABLE "upstream_budgets" (
    "name" TEXT NOT NULL,
    "calls" TIMESTAMPTZ(3)[] NOT NULL DEFAULT '{}',
    "paused_until" TIMESTAMPTZ(3),
    CONSTRAINT "upstream_budgets_pkey" PRIMARY KEY ("name")
);

-- Takes one call from the budget when fewer than `p_limit - p_keep` calls are in the last window (or in
-- flight) and no pause is on; `p_keep` is what this caller must leave for more urgent ones. Under the row's
-- lock, on the database's clock, so concurrent callers on any number of instances never overspend it.
-- Answers whether the call may be made, its ticket (to settle when it ends) and, if not, in how many
-- milliseconds a call of this priority could be.
CREATE FUNCTION "take_upstream_call"(p_name TEXT, p_limit INTEGER, p_window_ms INTEGER, p_keep INTEGER, p_hold_ms INTEGER)
RETURNS TABLE ("granted" BOOLEAN, "wait_ms" INTEGER, "ticket" TIMESTAMPTZ(3)) LANGUAGE plpgsql AS $$
DECLARE
  v_now TIMESTAMPTZ(3);
  v_ticket TIMESTAMPTZ(3);
  v_window INTERVAL := make_interval(secs => p_window_ms / 1000.0);
  v_calls TIMESTAMPTZ(3)[];
  v_paused TIMESTAMPTZ(3);
  v_allowed INTEGER := GREATEST(p_limit - p_keep, 0);
  v_used INTEGER;
BEGIN
  INSERT INTO "upstream_budgets" ("name") VALUES (p_name) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM "upstream_budgets" WHERE "name" = p_name FOR UPDATE;
  -- The clock and the log are read once the lock is held: a caller that waited for it must not log its call
  -- as made when it started waiting.
  v_now := clock_timestamp();
  SELECT ARRAY(SELECT c FROM unnest(b."calls") AS c WHERE c > v_now - v_window ORDER BY c), b."paused_until"
    INTO v_calls, v_paused FROM "upstream_budgets" AS b WHERE b."name" = p_name;
  IF v_paused IS NOT NULL AND v_paused > v_now THEN
    RETURN QUERY SELECT FALSE, GREATEST(1, CEIL(EXTRACT(EPOCH FROM v_paused - v_now) * 1000))::INTEGER, NULL::TIMESTAMPTZ(3);
    RETURN;
  END IF;
  v_used := COALESCE(array_length(v_calls, 1), 0);
  IF v_used < v_allowed THEN
    -- A distinct ticket per call in flight, so that settling one never settles another.
    v_ticket := v_now + make_interval(secs => p_hold_ms / 1000.0);
    WHILE v_ticket = ANY (v_calls) LOOP
      v_ticket := v_ticket + INTERVAL '1 millisecond';
    END LOOP;
    UPDATE "upstream_budgets" SET "calls" = v_calls || v_ticket WHERE "name" = p_name;
    RETURN QUERY SELECT TRUE, 0, v_ticket;
    RETURN;
  END IF;
  IF v_allowed = 0 THEN
    RETURN QUERY SELECT FALSE, p_window_ms, NULL::TIMESTAMPTZ(3);
    RETURN;
  END IF;
  -- The first moment this priority fits: when enough of the oldest calls have left the window.
  RETURN QUERY SELECT FALSE, GREATEST(1, CEIL(EXTRACT(EPOCH FROM v_calls[v_used - v_allowed + 1] + v_window - v_now) * 1000))::INTEGER,
    NULL::TIMESTAMPTZ(3);
END
$$;
