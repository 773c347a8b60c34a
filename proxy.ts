import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, createNonce, HSTS_VALUE, servedOverHttps } from "@/lib/security/headers";

// The links in page notifications authenticate themselves (lib/paging/act-on-link.ts); status pages
// are public, and one for signed-in readers checks the session itself (lib/status-pages/serve-public-page.ts).
const isPublicPage = (pathname: string) =>
  pathname === "/login" ||
  pathname.startsWith("/login/") ||
  pathname.startsWith("/pages/act/") ||
  pathname === "/status" ||
  pathname.startsWith("/status/");

// Every page (the sign-in page too) gets a fresh CSP nonce: Next.js reads it from the request's
// Content-Security-Policy header and puts it on its own scripts. Then a cheap first gate: no session
// cookie → the sign-in page, remembering where to return. Pages still validate the session itself
// (requirePageActor); the API answers 401 on its own.
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  let response: NextResponse;
  if (getSessionCookie(request) || isPublicPage(request.nextUrl.pathname)) {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  } else {
    const url = request.nextUrl.clone();
    const next = request.nextUrl.pathname + request.nextUrl.search;
    url.pathname = "/login";
    url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
    response = NextResponse.redirect(url);
  }
  response.headers.set("content-security-policy", csp);
  if (servedOverHttps(request.headers.get("x-forwarded-proto"), process.env))
    response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

// Status pages stay out too: they carry no script and set their own fixed policy
// (lib/status-pages/serve-public-page.ts), and the proxy halved their throughput under load.
// The API stays out: a matched request has its body buffered for the proxy (up to 10 MB), and JSON
// needs no script policy. Its static headers come from next.config.ts.
export const config = {
  matcher: ["/((?!api/|status$|status/|_next/static/|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
