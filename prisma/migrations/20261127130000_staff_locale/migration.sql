-- AlterTable: the language a staff member chose in the portal (issue 10); null = not chosen.
ALTER TABLE "staff_users" ADD COLUMN "locale" VARCHAR(8);
