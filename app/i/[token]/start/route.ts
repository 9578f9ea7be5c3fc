import { checkLimit, clientAddress, tooManyRequests } from "@/lib/security/rate-limit";
import { startFromInvitation, METHOD_CHOICES, type MethodChoice } from "@/lib/verification/invitations";
import { getLocale, getTranslations } from "next-intl/server";
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
  const locale = toLocale(await getLocale()) ?? "en";
  const result = await startFromInvitation(token, choice, locale);
  const headers = { "Cache-Control": "no-store, private", "Referrer-Policy": "no-referrer" };
  if (result.ok) {
    // Not a redirect: the page's Content-Security-Policy (form-action 'self') stops a form submission from being
    // redirected to another site, so a short page forwards the employee to EasyFreelance (and links there).
    const t = await getTranslations("invitationPage");
    const url = escapeHtml(result.verificationUrl);
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${url}"><title>${escapeHtml(t("goTo"))}</title></head><body style="font-family:sans-serif;padding:24px"><p><a href="${url}">${escapeHtml(t("goTo"))}</a></p></body></html>`;
    return new Response(html, { status: 200, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  if (result.reason === "not_found") return new Response(null, { status: 303, headers: { ...headers, Location: "/i/not-found" } });
  const error = result.reason === "choose" || result.reason === "start_failed" ? `?error=${result.reason}` : "";
  // A relative Location keeps the browser on this origin whatever the Host header claims.
  return new Response(null, { status: 303, headers: { ...headers, Location: `/i/${token}${error}` } });
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
