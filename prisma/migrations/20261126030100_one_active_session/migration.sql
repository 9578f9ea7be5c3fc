-- One active session per employee, whatever the application does: at most one row per employee may be
-- starting or pending. Older duplicates (possible before this index) are superseded first.
UPDATE "verification_sessions" AS s SET "status" = 'superseded', "status_changed_at" = CURRENT_TIMESTAMP
WHERE s."status" IN ('starting', 'pending')
  AND EXISTS (
    SELECT 1 FROM "verification_sessions" AS newer
    WHERE newer."employee_id" = s."employee_id" AND newer."status" IN ('starting', 'pending')
      AND (newer."created_at", newer."id") > (s."created_at", s."id")
  );

-- CreateIndex
CREATE UNIQUE INDEX "verification_sessions_one_active_per_employee" ON "verification_sessions"("employee_id") WHERE "status" IN ('starting', 'pending');

-- AlterTable
ALTER TABLE "session_events" ADD COLUMN "actor_id" TEXT;

-- AddForeignKey
ALTER TABLE "session_events" ADD CONSTRAINT "session_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
