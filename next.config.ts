import type { NextConfig } from "next";

/**
 * Headers on every response. The CSP allows what the app uses: its own scripts (Next's inline
 * bootstrap needs 'unsafe-inline'), images and canvases fed from its own routes and blob:/data:
 * URLs (the compare canvas draws decoded images), and no framing by other sites.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      // next dev evaluates modules with eval for hot reload; the production build does not.
      `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "production" ? "" : " 'unsafe-eval'"}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' blob: data:",
      "connect-src 'self'",
      "font-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  },
];

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files by URL; bundling rewrites them and every request 500s.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "pg-copy-streams"],
  poweredByHeader: false,
  // Gzip costs each HTML or JSON response ~0.5-7 ms of the instance's CPU (a quarter of a browse
  // page's), and pays off only over a slow link: images, most of the bytes, are compressed
  // already. Behind a proxy, the proxy compresses; a lone instance on a slow link sets RIPE_COMPRESS=1.
  compress: ["1", "true"].includes(process.env.RIPE_COMPRESS ?? ""),
  experimental: {
    // forbidden() for a signed-in account without a role on the dataset (lib/auth/page-access).
    authInterrupts: true,
    // Actions carry decisions and labels, never files (uploads stream through /api/imports).
    serverActions: { bodySizeLimit: "1mb" },
    // Bodies the proxy may read (it parses server-action bodies); uploads bypass it.
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
