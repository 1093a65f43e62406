import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files by URL; bundling rewrites them and every request 500s.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "pg-copy-streams"],
  experimental: {
    serverActions: { bodySizeLimit: "200mb" },
  },
};

export default nextConfig;
