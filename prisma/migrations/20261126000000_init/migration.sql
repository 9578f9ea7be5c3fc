-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'hr', 'viewer');

-- CreateEnum
CREATE TYPE "Provider" AS ENUM ('veriff', 'bankid');

-- CreateEnum
CREATE TYPE "IdType" AS ENUM ('local', 'international');

-- CreateEnum
CREATE TYPE "VerificationStatus" AS ENUM ('starting', 'pending', 'approved', 'declined', 'cancelled', 'expired', 'error', 'failed', 'unknown');

-- CreateEnum
CREATE TYPE "SessionEventType" AS ENUM ('started', 'start_failed', 'status_changed', 'redirect_received');

-- CreateTable
CREATE TABLE "staff_users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL DEFAULT 'hr',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employees" (
    "id" TEXT NOT NULL,
    "ef_user_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "internal_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "employees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_sessions" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "ef_verification_id" TEXT,
    "provider" "Provider" NOT NULL,
    "id_type" "IdType",
    "status" "VerificationStatus" NOT NULL DEFAULT 'starting',
    "raw_status" TEXT,
    "status_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_action" TEXT,
    "verification_url" TEXT,
    "return_url" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "onboarding" JSONB,
    "failure_reason" TEXT,
    "last_checked_at" TIMESTAMP(3),
    "started_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_events" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "type" "SessionEventType" NOT NULL,
    "from_status" "VerificationStatus",
    "to_status" "VerificationStatus",
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "employees_ef_user_id_key" ON "employees"("ef_user_id");

-- CreateIndex
CREATE INDEX "employees_email_idx" ON "employees"("email");

-- CreateIndex
CREATE UNIQUE INDEX "verification_sessions_reference_key" ON "verification_sessions"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "verification_sessions_ef_verification_id_key" ON "verification_sessions"("ef_verification_id");

-- CreateIndex
CREATE INDEX "verification_sessions_employee_id_created_at_idx" ON "verification_sessions"("employee_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "session_events_session_id_created_at_idx" ON "session_events"("session_id", "created_at");

-- AddForeignKey
ALTER TABLE "verification_sessions" ADD CONSTRAINT "verification_sessions_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verification_sessions" ADD CONSTRAINT "verification_sessions_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_events" ADD CONSTRAINT "session_events_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "verification_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
