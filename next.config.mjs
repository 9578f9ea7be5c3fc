/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  // The full Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
  // HSTS only where the portal is served over https, i.e. production builds (browsers ignore it on http).
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig = {
  poweredByHeader: false,
  // /api/health compares the committed migrations with the database's: ship the folder with its function.
  outputFileTracingIncludes: { "/api/health": ["./prisma/migrations/**/*"] },
  reactStrictMode: true,
  // `npm run dev` prints localhost, but the sandbox lives on 127.0.0.1: opening the portal there too must not
  // leave the page without its client code (Next blocks dev resources for other origins by default).
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The session reference is in these URLs: never send it to another site.
      { source: "/status/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/return/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      { source: "/api/status/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
