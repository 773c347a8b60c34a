import type { NextConfig } from "next";
import { HSTS_VALUE, NON_PAGE_CSP, NON_PAGE_SOURCES, STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at run time, not bundled;
  // pg-boss and its driver stay plain Node modules too.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg"],
  outputFileTracingExcludes: { "*": [".data/**", ".test-data/**"] },
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) as its own step.
  typescript: { ignoreBuildErrors: true },
  // Pages get their CSP (per-request nonce) and HSTS from proxy.ts; these hold for every response.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // What the proxy does not see gets a locked-down policy of its own: a CSP on every path.
      ...NON_PAGE_SOURCES.map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }],
      })),
      // The API is not behind the proxy; a browser ignores HSTS on plain http, so an https hint suffices.
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS_VALUE }],
      },
    ];
  },
};

export default nextConfig;
