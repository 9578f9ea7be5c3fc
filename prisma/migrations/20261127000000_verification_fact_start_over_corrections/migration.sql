-- What HR sees is true: the verification fact on the employee (kept by a trigger, so no later attempt
-- erases it), a start over that keeps the old link working until the new flow has started, archived
-- employees, and return-URL approval learnt from evidence.

-- AlterTable
ALTER TABLE "employees" ADD COLUMN "verified_at" TIMESTAMP(3),
ADD COLUMN "verified_provider" "Provider",
ADD COLUMN "verified_id_type" "IdType",
ADD COLUMN "verified_session_id" TEXT,
ADD COLUMN "verified_on_replaced_link" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "archived_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "verification_sessions" ADD COLUMN "replaces_session_id" TEXT;

-- AddForeignKey
ALTER TABLE "verification_sessions" ADD CONSTRAINT "verification_sessions_replaces_session_id_fkey" FOREIGN KEY ("replaces_session_id") REFERENCES "verification_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "return_url_approvals" (
    "url" TEXT NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "evidence" TEXT NOT NULL,
    "session_id" TEXT,
    "learnt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "return_url_approvals_pkey" PRIMARY KEY ("url")
);

-- Backfill: the newest approval of each employee is their verification fact.
UPDATE "employees" AS e
SET "verified_at" = a."at", "verified_provider" = a."provider", "verified_id_type" = a."id_type", "verified_session_id" = a."id"
FROM (
    SELECT DISTINCT ON ("employee_id") "employee_id", "id", "provider", "id_type", COALESCE("completed_at", "status_changed_at") AS "at"
    FROM "verification_sessions"
    WHERE "status" = 'approved'
    ORDER BY "employee_id", COALESCE("completed_at", "status_changed_at") DESC, "id" DESC
) AS a
WHERE a."employee_id" = e."id";

-- Any writer that makes a session approved (a refresh, a late result on a replaced link, a seed) makes
-- its employee verified, unless a newer approval is already recorded.
CREATE FUNCTION "employees_track_verification"() RETURNS trigger AS $$
DECLARE
    at TIMESTAMP(3) := COALESCE(NEW."completed_at", NEW."status_changed_at", CURRENT_TIMESTAMP);
BEGIN
    UPDATE "employees"
    SET "verified_at" = at, "verified_provider" = NEW."provider", "verified_id_type" = NEW."id_type",
        "verified_session_id" = NEW."id",
        "verified_on_replaced_link" = (TG_OP = 'UPDATE' AND OLD."status" = 'superseded')
    WHERE "id" = NEW."employee_id" AND ("verified_at" IS NULL OR "verified_at" <= at);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "verification_sessions_verified_insert" AFTER INSERT ON "verification_sessions"
    FOR EACH ROW WHEN (NEW."status" = 'approved') EXECUTE FUNCTION "employees_track_verification"();
CREATE TRIGGER "verification_sessions_verified_update" AFTER UPDATE OF "status" ON "verification_sessions"
    FOR EACH ROW WHEN (NEW."status" = 'approved' AND OLD."status" IS DISTINCT FROM 'approved')
    EXECUTE FUNCTION "employees_track_verification"();

-- One active session per employee, now with a safe start over: at most one row per employee that is
-- pending or a plain start, and at most one starting row of any kind. A start over's row (starting,
-- replaces_session_id set) may sit beside the old pending session; it becomes pending only in the
-- transaction that supersedes the old one.
DROP INDEX "verification_sessions_one_active_per_employee";
CREATE UNIQUE INDEX "verification_sessions_one_active_per_employee" ON "verification_sessions"("employee_id")
    WHERE "status" = 'pending' OR ("status" = 'starting' AND "replaces_session_id" IS NULL);
CREATE UNIQUE INDEX "verification_sessions_one_starting_per_employee" ON "verification_sessions"("employee_id")
    WHERE "status" = 'starting';

-- The lists show employees that are not archived, by name; "Verified" filters by the fact.
CREATE INDEX "employees_listed_name_idx" ON "employees"("last_name", "first_name", "id") WHERE "archived_at" IS NULL;
CREATE INDEX "employees_verified_name_idx" ON "employees"("last_name", "first_name", "id") WHERE "archived_at" IS NULL AND "verified_at" IS NOT NULL;
CREATE INDEX "employees_email_lower_idx" ON "employees"(lower("email"));
