-- Ready to pay (issue 10): employees.ready, the rule of lib/verification/readiness.ts kept by triggers, so the
-- list can filter 100,000 employees by it from one indexed table and no writer (refresh, Add employee, relink,
-- a status update, a seed, a script) can forget it. tests/db/readiness.test.ts proves SQL and TypeScript agree.
--   ready = the verification fact (verified_at) AND the latest onboarding snapshot says onboarded
--           (isOnboarded, no missing step, every reported step done). No or an unreadable snapshot: not ready.

-- AlterTable
ALTER TABLE "employees" ADD COLUMN "ready" BOOLEAN NOT NULL DEFAULT false;

-- A stored snapshot (the client's Onboarding as JSON) says onboarded, read as readOnboarding reads it: an object
-- whose isOnboarded is true; missingSteps counts only when it is an array of strings, steps only when an object
-- of booleans (otherwise each reads as empty, as zod's .catch does there).
CREATE FUNCTION "onboarding_snapshot_onboarded"(snapshot jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(
        jsonb_typeof(snapshot) = 'object'
        AND snapshot -> 'isOnboarded' = 'true'::jsonb
        AND NOT (jsonb_typeof(snapshot -> 'missingSteps') = 'array'
                 AND jsonb_array_length(snapshot -> 'missingSteps') > 0
                 AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(snapshot -> 'missingSteps') AS m WHERE jsonb_typeof(m) <> 'string'))
        AND NOT (jsonb_typeof(snapshot -> 'steps') = 'object'
                 AND NOT EXISTS (SELECT 1 FROM jsonb_each(snapshot -> 'steps') AS s WHERE jsonb_typeof(s.value) <> 'boolean')
                 AND EXISTS (SELECT 1 FROM jsonb_each(snapshot -> 'steps') AS s WHERE s.value = 'false'::jsonb)),
        false);
$$;

-- The snapshot the employee page shows (employeeOnboarding): the newer of the employee's own (read from
-- EasyFreelance outside a session, at onboarding_checked_at) and the newest session that carries one (at its
-- last check, else its status change); a tie goes to the employee's own. Unreadable candidates drop out.
CREATE FUNCTION "employee_latest_onboarding"(p_employee_id text, p_own jsonb, p_own_at TIMESTAMP(3)) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT c.snapshot FROM (
        SELECT p_own AS snapshot, p_own_at AS at, 0 AS rank WHERE p_own_at IS NOT NULL AND jsonb_typeof(p_own) = 'object'
        UNION ALL
        SELECT s.snapshot, s.at, 1 FROM (
            SELECT "onboarding" AS snapshot, COALESCE("last_checked_at", "status_changed_at") AS at
            FROM "verification_sessions"
            WHERE "employee_id" = p_employee_id AND "onboarding" IS NOT NULL AND "onboarding" <> 'null'::jsonb
            ORDER BY "created_at" DESC, "id" DESC LIMIT 1
        ) AS s WHERE jsonb_typeof(s.snapshot) = 'object'
    ) AS c ORDER BY c.at DESC, c.rank LIMIT 1;
$$;

CREATE FUNCTION "employee_ready"(p_employee_id text, p_verified_at TIMESTAMP(3), p_own jsonb, p_own_at TIMESTAMP(3)) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF p_verified_at IS NULL THEN
        RETURN false;
    END IF;
    RETURN "onboarding_snapshot_onboarded"("employee_latest_onboarding"(p_employee_id, p_own, p_own_at));
END;
$$;

-- Backfill.
UPDATE "employees" SET "ready" = true
WHERE "verified_at" IS NOT NULL AND "employee_ready"("id", "verified_at", "onboarding", "onboarding_checked_at");

-- The employee's own columns: a new snapshot, the verification fact (set by employees_track_verification), or
-- anyone writing "ready" itself (it is recomputed, never taken from the writer).
CREATE FUNCTION "employees_track_readiness"() RETURNS trigger AS $$
BEGIN
    NEW."ready" := "employee_ready"(NEW."id", NEW."verified_at", NEW."onboarding", NEW."onboarding_checked_at");
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "employees_readiness" BEFORE INSERT OR UPDATE OF "onboarding", "onboarding_checked_at", "verified_at", "ready" ON "employees"
    FOR EACH ROW EXECUTE FUNCTION "employees_track_readiness"();

-- A session's snapshot (or its time, which decides which snapshot is the latest) changed: recompute the
-- employee's readiness, writing the row only when it changes (the status poll touches last_checked_at often).
CREATE FUNCTION "employees_refresh_ready"(p_employee_id text) RETURNS void AS $$
BEGIN
    -- The row's BEFORE trigger computes the new value; the WHERE only avoids a write when nothing changes.
    UPDATE "employees" AS e SET "ready" = NOT e."ready"
    WHERE e."id" = p_employee_id
      AND e."ready" IS DISTINCT FROM "employee_ready"(e."id", e."verified_at", e."onboarding", e."onboarding_checked_at");
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION "verification_sessions_track_readiness"() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM "employees_refresh_ready"(OLD."employee_id");
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."employee_id" IS DISTINCT FROM OLD."employee_id") THEN
        PERFORM "employees_refresh_ready"(NEW."employee_id");
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "verification_sessions_readiness_insert" AFTER INSERT ON "verification_sessions"
    FOR EACH ROW WHEN (NEW."onboarding" IS NOT NULL) EXECUTE FUNCTION "verification_sessions_track_readiness"();
CREATE TRIGGER "verification_sessions_readiness_update"
    AFTER UPDATE OF "onboarding", "last_checked_at", "status_changed_at", "created_at", "employee_id" ON "verification_sessions"
    FOR EACH ROW WHEN (OLD."onboarding" IS DISTINCT FROM NEW."onboarding" OR OLD."employee_id" IS DISTINCT FROM NEW."employee_id"
        OR (NEW."onboarding" IS NOT NULL AND (OLD."last_checked_at" IS DISTINCT FROM NEW."last_checked_at"
            OR OLD."status_changed_at" IS DISTINCT FROM NEW."status_changed_at" OR OLD."created_at" IS DISTINCT FROM NEW."created_at")))
    EXECUTE FUNCTION "verification_sessions_track_readiness"();
CREATE TRIGGER "verification_sessions_readiness_delete" AFTER DELETE ON "verification_sessions"
    FOR EACH ROW WHEN (OLD."onboarding" IS NOT NULL) EXECUTE FUNCTION "verification_sessions_track_readiness"();

-- The list's "Ready" / "Not ready" filter, in the list's order, for employees that are not archived.
CREATE INDEX "employees_ready_name_idx" ON "employees"("ready", "last_name", "first_name", "id") WHERE "archived_at" IS NULL;
