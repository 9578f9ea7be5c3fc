import { z } from "zod";
import { currentStaff } from "@/lib/auth/session";
import { getSessionStatuses, statusCheckInMs } from "@/lib/verification/status-refresh";
import { isFinal } from "@/lib/verification/status";
import { checkLimit, tooManyRequests } from "@/lib/security/rate-limit";
import { crossSiteRefused, isSameOrigin } from "@/lib/security/same-origin";

// The HR Employees list's live statuses: one request for all visible pending sessions, refreshed
// through the same coalesced path as the employee's page. Staff only, checked here on the server.
const input = z.object({ references: z.array(z.string().max(64)).min(1).max(100) });

// JSON only (a cross-site form cannot send it without a CORS preflight, which is never granted), from the
// portal's own pages, and limited per staff user: each call may refresh up to 100 sessions from EasyFreelance.
export async function POST(request: Request) {
  const headers = { "Cache-Control": "no-store" };
  const staff = await currentStaff();
  if (!staff) return Response.json({ error: "unauthorized" }, { status: 401, headers });
  if (!isSameOrigin(request)) return crossSiteRefused();
  if (request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() !== "application/json") {
    return Response.json({ error: "Send application/json." }, { status: 415, headers });
  }
  const limited = await checkLimit("statusesStaff", staff.id);
  if (!limited.allowed) return tooManyRequests(limited);
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Send {references: [...]} with 1 to 100 session references." }, { status: 400, headers });
  const sessions = await getSessionStatuses(parsed.data.references);
  const statuses = Object.fromEntries(
    sessions.map((session) => [
      session.reference,
      { status: session.status, final: isFinal(session.status), statusChangedAt: session.statusChangedAt },
    ]),
  );
  // When the soonest of these sessions is next checked with EasyFreelance: the list asks right after it.
  const due = sessions.map((session) => statusCheckInMs(session)).filter((ms) => ms !== null);
  return Response.json({ statuses, checkInMs: due.length > 0 ? Math.min(...due) : null }, { headers });
}
