-- AlterTable
ALTER TABLE "employees" ADD COLUMN     "onboarding" JSONB,
ADD COLUMN     "onboarding_checked_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "return_url_registrations" (
    "id" TEXT NOT NULL,
    "upstream_id" TEXT NOT NULL,
    "requested_url" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TIMESTAMP(3),
    "requested_by_id" TEXT,
    "checked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "return_url_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "return_url_registrations_upstream_id_key" ON "return_url_registrations"("upstream_id");

-- CreateIndex
CREATE INDEX "return_url_registrations_requested_url_idx" ON "return_url_registrations"("requested_url");

-- AddForeignKey
ALTER TABLE "return_url_registrations" ADD CONSTRAINT "return_url_registrations_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
