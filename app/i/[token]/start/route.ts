import { checkLimit, clientAddress, tooManyRequests } from "@/lib/security/rate-limit";
import { startFromInvitation, METHOD_CHOICES, type MethodChoice } from "@/lib/verification/invitations";
import { getLocale } from "next-intl/server";
import { toLocale } from "@/lib/i18n/locales";

// Start on the invitation page (a plain form POST). The token is the credential: whoever holds it may start
// the employee's own verification, so there is nothing a cross-site request could add. Answers with a redirect:
// to EasyFreelance's verification_url, or back to the page with what went wrong.
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const limited = await checkLimit("invitationAddress", clientAddress(request.headers));
  if (!limited.allowed) return tooManyRequests(limited);
  const { token } = await params;
  const form = await request.formData().catch(() => null);
  const method = form?.get("method");
  const choice = METHOD_CHOICES.includes(method as MethodChoice) ? (method as MethodChoice) : null;
  const result = await startFromInvitation(token, choice, toLocale(await getLocale()) ?? "en");
  const headers = { "Cache-Control": "no-store, private", "Referrer-Policy": "no-referrer" };
  if (result.ok) return new Response(null, { status: 303, headers: { ...headers, Location: result.verificationUrl } });
  if (result.reason === "not_found") return new Response(null, { status: 303, headers: { ...headers, Location: "/i/not-found" } });
  const error = result.reason === "choose" || result.reason === "start_failed" ? `?error=${result.reason}` : "";
  // A relative Location keeps the browser on this origin whatever the Host header claims.
  return new Response(null, { status: 303, headers: { ...headers, Location: `/i/${token}${error}` } });
}
