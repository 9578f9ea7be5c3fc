-- CSV import of employees (issue 13): jobs and their rows, worked through in the background by the sweep and the
-- open import page (lib/employees/import.ts). Rows are claimed with FOR UPDATE SKIP LOCKED and a lease.

-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('draft', 'running', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ImportRowStatus" AS ENUM ('invalid', 'pending', 'in_progress', 'added', 'linked', 'already_linked', 'failed');

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'draft',
    "file_name" TEXT NOT NULL,
    "delimiter" VARCHAR(1) NOT NULL,
    "created_by_id" TEXT,
    "created_by_label" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "internal_id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "language" VARCHAR(8),
    "status" "ImportRowStatus" NOT NULL,
    "errors" JSONB,
    "employee_id" TEXT,
    "ef_user_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_at" TIMESTAMP(3),
    "lease_until" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_jobs_status_started_at_idx" ON "import_jobs"("status", "started_at");

-- CreateIndex
CREATE INDEX "import_rows_claimed_at_idx" ON "import_rows"("claimed_at");

-- CreateIndex
CREATE UNIQUE INDEX "import_rows_job_id_row_number_key" ON "import_rows"("job_id", "row_number");

-- The claim reads only the rows still to do, in file order.
CREATE INDEX "import_rows_open_idx" ON "import_rows"("job_id", "row_number") WHERE "status" IN ('pending', 'in_progress');

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
