import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingExcludes: { "*": [".data/**", ".test-data/**"] },
  poweredByHeader: false,
};

export default nextConfig;
