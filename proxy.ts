import { NextResponse, type NextRequest } from "next/server";
import { LANG_HINT_HEADER, LOCALE_COOKIE, toLocale } from "@/lib/i18n/locales";
import { env } from "@/lib/env";
import { secureCookiesFor } from "@/lib/auth/cookies";
import { plainRequestId } from "@/lib/log";

// Next.js 16 runs this before every matched request. It gives each response a Content-Security-Policy
// with a fresh nonce: Next.js reads the policy from the request headers and puts the nonce on its own
// scripts, so no inline script runs without it (no 'unsafe-inline' for scripts).
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted; nothing else is. Dev needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles may be inline (React style attributes); they cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Next.js answers a dynamic segment with broken percent-encoding (/status/%ff) with a bare 500 before any
// route code runs. The public routes are where strangers send such paths: answer them as "not found"
// (the page for /return and /status; a proxy may not answer with a relative Location).
const PUBLIC_DYNAMIC = /^\/(return|status|i|api\/status)\//;

function malformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// Every request the proxy sees carries an id (x-request-id): server code reads it with headers() for its log
// lines, and the response repeats it so a user's report can be matched to the logs. A caller's own id is kept
// when it is a plain token (a load balancer's, say); anything else is replaced, so a log line never carries junk.
export function requestIdFor(incoming: string | null): string {
  return plainRequestId(incoming) ?? crypto.randomUUID();
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const requestId = requestIdFor(request.headers.get("x-request-id"));
  if (PUBLIC_DYNAMIC.test(pathname) && malformedPath(pathname)) {
    const headers = { "Cache-Control": "no-store, private", "Referrer-Policy": "no-referrer", "x-request-id": requestId };
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "not_found" }, { status: 404, headers });
    return NextResponse.rewrite(new URL("/status/not-found", request.url), { headers });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set("x-request-id", requestId);
  // A page's `lang` parameter (EasyFreelance appends lang=nb) reaches lib/i18n/request.ts as a header; a
  // caller's own header is never trusted as if it came from the URL.
  requestHeaders.delete(LANG_HINT_HEADER);
  const lang = request.nextUrl.searchParams.get("lang");
  if (lang) requestHeaders.set(LANG_HINT_HEADER, lang.slice(0, 16));
  // The language switch on the employee's pages (components/language-switch.tsx) is a GET form, `?choose=en`:
  // it works without JavaScript and on pages whose no-referrer policy makes a browser send `Origin: null`
  // with a POST (which Next.js refuses for a server action). Remembered in the `locale` cookie, and this
  // very request is rendered with it. Harmless to forge: it only sets the visitor's own language.
  const chosen = toLocale(request.nextUrl.searchParams.get("choose"));
  if (chosen) {
    request.cookies.set(LOCALE_COOKIE, chosen);
    requestHeaders.set("cookie", request.cookies.toString());
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // The public status pages say where a person's verification stands: never stored by a browser or a shared
  // cache, whatever Next.js's defaults are (it keeps a Cache-Control set here).
  if (PUBLIC_DYNAMIC.test(pathname)) response.headers.set("Cache-Control", "no-store, private");
  if (chosen) {
    response.cookies.set(LOCALE_COOKIE, chosen, {
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
      sameSite: "lax",
      httpOnly: true,
      secure: secureCookiesFor(env().APP_URL),
    });
  }
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Everything but build assets (immutable files that run no inline code) and the API routes that render no HTML
  // and are called often (the status poll, health probes, the HR list's live statuses, the cron sweep): the
  // proxy's nonce and headers halved a trivial route's throughput, and these need none of it (the status route
  // sets its own Cache-Control). Exact paths only, so anything else there (a 404 page) still gets its CSP. A
  // status path with a "%" is not skipped: broken percent-encoding must reach the not-found answer above, and
  // no reference has one. Next.js tests both the raw and the decoded path: either matching runs the proxy.
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico|api/status/[^/%]+$|api/health(?:/live)?$|api/employees/statuses$|api/cron/sweep$).*)" },
  ],
};
