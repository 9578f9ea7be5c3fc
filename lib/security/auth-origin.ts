import "server-only";
import { NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * The request as Auth.js should see it: at APP_URL's origin. Auth.js builds its URLs (callback URLs,
 * redirects; with single sign-on, the redirect_uri) from the request, and a NextRequest takes its origin from
 * the Host and X-Forwarded-* headers — whatever the caller or Next.js's own server put there (measured:
 * "https://localhost:<port>" behind `next start`, with a forged X-Forwarded-Proto). AUTH_URL alone (lib/env.ts)
 * does not survive NextRequest's own URL normalisation, so the headers are set here too.
 */
export function atPortalOrigin(request: NextRequest): NextRequest {
  const app = new URL(env().APP_URL);
  const url = new URL(request.url);
  url.protocol = app.protocol;
  url.host = app.host;
  const headers = new Headers(request.headers);
  headers.set("host", app.host);
  headers.delete("x-forwarded-host");
  headers.set("x-forwarded-proto", app.protocol.replace(/:$/, ""));
  return new NextRequest(url, new Request(request, { headers }));
}
