import { recordReturn } from "@/lib/verification/status-refresh";
import { checkLimit, clientAddress, tooManyRequests } from "@/lib/security/rate-limit";
import { toLocale } from "@/lib/i18n/locales";

// EasyFreelance sends the employee here after the provider. Public: the unguessable reference is
// the credential. Whatever query EasyFreelance appends is stored as evidence, never trusted as a result.
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const limited = await checkLimit("returnAddress", clientAddress(request.headers));
  if (!limited.allowed) return tooManyRequests(limited);
  const { reference } = await params;
  const url = new URL(request.url);
  const session = await recordReturn(reference, url.searchParams);
  // A relative Location keeps the browser on this origin whatever the Host header claims.
  // EasyFreelance's `lang` (a supported one only) goes on to the status page, whose language it chooses.
  const lang = toLocale(url.searchParams.get("lang"));
  const location = `/status/${session ? session.reference : "not-found"}${lang ? `?lang=${lang}` : ""}`;
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
