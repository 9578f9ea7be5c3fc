-- Staff accounts (issue 12): revocable sessions, forced password change, temporary passwords, TOTP.

-- Every session cookie carries the version it was issued under; bumping it (sign-out, password change,
-- reset, deactivation) ends every session of that user at once.
ALTER TABLE "staff_users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
-- Set for accounts an admin created and after an admin reset: the user must choose their own password.
ALTER TABLE "staff_users" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
-- A temporary password (created or reset by an admin) stops working after this.
ALTER TABLE "staff_users" ADD COLUMN "password_expires_at" TIMESTAMP(3);
ALTER TABLE "staff_users" ADD COLUMN "password_changed_at" TIMESTAMP(3);
-- TOTP secrets, encrypted (AES-256-GCM, key derived from AUTH_SECRET); the pending one during enrolment.
ALTER TABLE "staff_users" ADD COLUMN "totp_secret" TEXT;
ALTER TABLE "staff_users" ADD COLUMN "totp_pending_secret" TEXT;
ALTER TABLE "staff_users" ADD COLUMN "totp_enabled_at" TIMESTAMP(3);
-- The last accepted TOTP time step: a code is never accepted twice.
ALTER TABLE "staff_users" ADD COLUMN "totp_last_step" INTEGER;

-- One-time recovery codes, SHA-256 hashed (they are 80-bit random values, so a fast hash suffices).
CREATE TABLE "staff_recovery_codes" (
    "id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_recovery_codes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "staff_recovery_codes_code_hash_key" ON "staff_recovery_codes"("code_hash");
CREATE INDEX "staff_recovery_codes_staff_id_idx" ON "staff_recovery_codes"("staff_id");

ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
