import "server-only";
import { env } from "@/lib/env";

/**
 * True when a state-changing request comes from the portal's own pages. Browsers send fetch metadata
 * (Sec-Fetch-Site) and an Origin on every POST: from another site these say so and cannot be forged by the
 * page. A request with neither is refused too (no browser sends that; a script with a stolen cookie could).
 * Next.js checks the origin of Server Actions itself, not of route handlers: these call this.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site !== null && site !== "same-origin") return false;
  if (origin !== null) return origin === new URL(env().APP_URL).origin;
  return site === "same-origin";
}

export function crossSiteRefused(): Response {
  return Response.json({ error: "cross_site_request" }, { status: 403, headers: { "Cache-Control": "no-store" } });
}
