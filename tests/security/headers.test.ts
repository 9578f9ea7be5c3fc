import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch as runsFor } from "next/experimental/testing/server";
import { config, contentSecurityPolicy, proxy } from "@/proxy";
import { secureCookiesFor } from "@/lib/auth/cookies";

describe("Content-Security-Policy", () => {
  it("allows scripts only with the request's nonce, never inline, and no framing", () => {
    const policy = contentSecurityPolicy("abc123", false);
    const directives = Object.fromEntries(policy.split("; ").map((part) => [part.split(" ")[0], part]));
    expect(directives["script-src"]).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directives["frame-ancestors"]).toBe("frame-ancestors 'none'");
    expect(directives["object-src"]).toBe("object-src 'none'");
    expect(directives["base-uri"]).toBe("base-uri 'none'");
    expect(contentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
  });

  it("the proxy sets a fresh nonce per request on the response and, for Next.js, on the request", () => {
    const first = proxy(new NextRequest("http://portal.test/login"));
    const second = proxy(new NextRequest("http://portal.test/login"));
    const a = first.headers.get("content-security-policy")!;
    const b = second.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(a)![1];
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(b).not.toContain(nonce);
    // NextResponse.next({ request }) forwards overridden request headers as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(a);
  });
});

describe("request ids", () => {
  it("the proxy gives every request an id, for server code (request headers) and in the response", () => {
    const first = proxy(new NextRequest("http://portal.test/login"));
    const second = proxy(new NextRequest("http://portal.test/login"));
    const id = first.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get("x-request-id")).not.toBe(id);
    expect(first.headers.get("x-middleware-request-x-request-id")).toBe(id);
  });

  it("keeps a caller's plain id and replaces anything else", () => {
    const kept = proxy(new NextRequest("http://portal.test/login", { headers: { "x-request-id": "lb-0123456789abcdef" } }));
    expect(kept.headers.get("x-middleware-request-x-request-id")).toBe("lb-0123456789abcdef");
    for (const junk of ["short", "has space in it", "x".repeat(200), "<script>alert(1)</script>"]) {
      const replaced = proxy(new NextRequest("http://portal.test/login", { headers: { "x-request-id": junk } }));
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("malformed public paths are answered with an id too", () => {
    const response = proxy(new NextRequest("http://portal.test/api/status/%Be"));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("cookies", () => {
  it("are Secure when the portal is served over https", () => {
    expect(secureCookiesFor("https://portal.example.com")).toBe(true);
    expect(secureCookiesFor("http://localhost:3000")).toBe(false);
  });
});

describe("malformed paths on the public routes", () => {
  it("are answered as not found by the proxy instead of Next.js's bare 500", () => {
    expect(proxy(new NextRequest("http://portal.test/return/%ff%fe")).headers.get("x-middleware-rewrite")).toBe(
      "http://portal.test/status/not-found",
    );
    expect(proxy(new NextRequest("http://portal.test/api/status/%Be")).status).toBe(404);
    expect(proxy(new NextRequest("http://portal.test/status/%ff")).headers.get("x-middleware-rewrite")).toBe("http://portal.test/status/not-found");
    // Well-formed paths pass through with the CSP.
    expect(proxy(new NextRequest("http://portal.test/status/abc")).headers.get("content-security-policy")).toContain("nonce-");
  });
});

describe("where the proxy runs (config.matcher)", () => {
  const proxied = (path: string) => runsFor({ config, url: path });

  it("runs for pages, sign-in and anything unknown, so every HTML answer gets its CSP", () => {
    for (const path of ["/", "/login", "/employees", "/status/abc", "/return/abc", "/i/abc", "/api/auth/signin", "/api/auth/callback/credentials"])
      expect(proxied(path), path).toBe(true);
    // Not a route: Next.js answers with its 404 page, which needs the nonce.
    for (const path of ["/api/status/a/b", "/api/status/", "/api/healthz", "/api/health/", "/api/cron/other", "/API/STATUS/abc"])
      expect(proxied(path), path).toBe(true);
  });

  it("skips build assets and the API routes that render no HTML", () => {
    for (const path of [
      "/_next/static/chunks/main.js",
      "/api/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "/api/status/not-a-ref_-x",
      "/api/health",
      "/api/health/live",
      "/api/employees/statuses",
      "/api/cron/sweep",
    ])
      expect(proxied(path), path).toBe(false);
  });

  it("runs for a status API path with a percent sign, where broken encoding gets its 404 (not Next.js's bare 500)", () => {
    for (const path of ["/api/status/%ff", "/api/status/%ff%fe%fd", "/api/status/%", "/api/status/%E2%80%AE", "/api/status/%41"])
      expect(proxied(path), path).toBe(true);
  });
});
