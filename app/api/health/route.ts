import { checkHealth, healthResponse } from "@/lib/health";

// Readiness for deployments and monitors: 200 when the database answers (with the migration state and the
// deployed commit), 503 when it does not. Reveals no URL, host or error text. Liveness without the database:
// /api/health/live.
export const dynamic = "force-dynamic";

export async function GET() {
  return healthResponse(await checkHealth());
}
