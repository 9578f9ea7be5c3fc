/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "Referrer-Policy", value: "same-origin" },
];

const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
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
