/**
 * The security headers of every page. Pure, so the policy is unit-tested; proxy.ts applies it with a
 * fresh nonce per request, and next.config.ts sends the static ones on every response.
 */

/**
 * 'strict-dynamic' lets the nonce-carrying Next.js bootstrap load its chunks; nothing else runs.
 * style-src keeps 'unsafe-inline' because React `style` props (chart SVG, positioned tooltips,
 * progress widths) are style attributes, which a nonce cannot cover; styles cannot execute code.
 * React needs eval only for dev-mode error stacks, so 'unsafe-eval' exists in development only.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * The public status page: its own inline stylesheet, images, and one same-origin script file
 * (/status/live.js: local times, the live stream) that the page does not need to read complete.
 */
export const STATUS_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' https: data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The policy of every response proxy.ts does not see (the API, built assets, icons): nothing in them
 * may load or run anything, nor be framed. JSON needs none of it, and an SVG or a text file opened
 * directly then cannot run script either.
 */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * next.config.ts header sources for exactly the paths proxy.ts's matcher leaves out, so each response
 * gets one policy: the page's (nonce) or this one. Keep the two lists in step.
 */
export const NON_PAGE_SOURCES = [
  "/api/:path*",
  "/_next/static/:path*",
  "/_next/image",
  "/favicon.ico",
  "/:asset(.*\\.(?:png|svg|ico|txt))",
];

export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

// One year, this host only: the app does not own its parent domain's other sub-domains.
export const HSTS_VALUE = "max-age=31536000";

/**
 * Whether the browser reached us over https: the configured public URL says so, or a trusted proxy
 * in front (TRUST_PROXY=1) reports it. `next start` itself only speaks plain http.
 */
export function servedOverHttps(
  forwardedProto: string | null,
  env: Record<string, string | undefined>,
): boolean {
  if (env.BETTER_AUTH_URL?.startsWith("https://")) return true;
  return env.TRUST_PROXY === "1" && forwardedProto?.split(",")[0].trim().toLowerCase() === "https";
}
