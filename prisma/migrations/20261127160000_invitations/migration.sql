-- Issue 13: invitations (the portal's own link for an employee), the employee's language, and the
-- sessions an employee started from an invitation.
ALTER TABLE "employees" ADD COLUMN "locale" VARCHAR(8);

CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_salt" TEXT NOT NULL,
    "provider" "Provider",
    "id_type" "IdType",
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "closed_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "opened_at" TIMESTAMP(3),
    "last_opened_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "sent_to" TEXT,
    "send_failed_at" TIMESTAMP(3),
    "send_error" TEXT,
    "reminders" INTEGER NOT NULL DEFAULT 0,
    "reminded_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");
CREATE INDEX "invitations_employee_id_created_at_idx" ON "invitations"("employee_id", "created_at" DESC);
-- One open invitation per employee (Prisma cannot express a partial index).
CREATE UNIQUE INDEX "invitations_one_open_idx" ON "invitations"("employee_id") WHERE "closed_at" IS NULL;
-- The sweep's reminder candidates: open invitations that were sent.
CREATE INDEX "invitations_reminder_idx" ON "invitations"("sent_at") WHERE "closed_at" IS NULL AND "sent_at" IS NOT NULL;

ALTER TABLE "invitations" ADD CONSTRAINT "invitations_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "verification_sessions" ADD COLUMN "invitation_id" TEXT;
ALTER TABLE "verification_sessions" ADD CONSTRAINT "verification_sessions_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "verification_sessions_invitation_id_idx" ON "verification_sessions"("invitation_id") WHERE "invitation_id" IS NOT NULL;
