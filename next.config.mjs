import { spawnSync } from "node:child_process";
import { PHASE_PRODUCTION_BUILD } from "next/constants.js";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each request's language and catalogue from here (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  // The full Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
  // HSTS only where the portal is served over https, i.e. production builds (browsers ignore it on http).
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
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
      // The invitation's token is in its URL: no referrer, and never kept by a shared cache.
      {
        source: "/i/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store, private" },
        ],
      },
      { source: "/api/status/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

// `next build` (npm run build, vercel-build) first checks the configuration with the server's own schema:
// a missing or bad setting fails the build with a message naming it, never its value. The check is
// TypeScript (lib/env-schema.ts), hence a child process; build workers inherit the marker and skip it.
function checkConfiguration() {
  if (process.env.PORTAL_BUILD_ENV_CHECKED === "1") return;
  const checked = spawnSync(process.execPath, ["--import", "tsx", "scripts/check-env.ts"], { stdio: "inherit" });
  if (checked.status !== 0) {
    console.error('next build stopped: fix the configuration above (README.md, "Configuration").');
    process.exit(1);
  }
  process.env.PORTAL_BUILD_ENV_CHECKED = "1";
}

export default function config(phase) {
  if (phase === PHASE_PRODUCTION_BUILD) checkConfiguration();
  return withNextIntl(nextConfig);
}
