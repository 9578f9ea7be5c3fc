-- A refresh from EasyFreelance holds a lease until it ends (or the lease runs out, if its instance died),
-- so no second caller asks upstream about the same session meanwhile. And every return through
-- /return/<reference> is counted; only the first few are kept as events.
ALTER TABLE "verification_sessions" ADD COLUMN "refresh_lease_until" TIMESTAMP(3),
ADD COLUMN "returns_received" INTEGER NOT NULL DEFAULT 0;
