import { getPublicStatus, publicStatus } from "@/lib/verification/status-refresh";
import { checkLimit, clientAddress, tooManyRequests } from "@/lib/security/rate-limit";

// Polled by the employee's status page. Public: the unguessable reference is the credential,
// and the answer carries no personal data.
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const limited = await checkLimit("statusAddress", clientAddress(request.headers));
  if (!limited.allowed) return tooManyRequests(limited);
  const { reference } = await params;
  const session = await getPublicStatus(reference);
  const headers = { "Cache-Control": "no-store, private" };
  if (!session) return Response.json({ error: "not_found" }, { status: 404, headers });
  return Response.json(publicStatus(session), { headers });
}
