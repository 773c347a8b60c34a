import type { RequestInfo } from "@/lib/actor";

/**
 * The client address for the per-IP sign-in limit, or null when it cannot be known. `next start`
 * only fills X-Forwarded-For when the client sent none, so the header is the client's own word unless
 * a proxy in front overwrites it: set TRUST_PROXY=1 there, and its (last) entry is used.
 */
export function clientIp(headers: Headers): string | null {
  if (process.env.TRUST_PROXY !== "1") return null;
  return lastForwardedFor(headers) || headers.get("x-real-ip") || null;
}

/** The last X-Forwarded-For entry: the one the nearest proxy (or `next start`) wrote. */
const lastForwardedFor = (headers: Headers) =>
  headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();

/**
 * Without a trusted proxy, the address `next start` wrote into X-Forwarded-For (the socket's, when the
 * client sent none) or whatever the client claimed. Good enough to keep one stranger's failed sign-ins
 * on their own counter; never used where a forged value would grant anything.
 */
export function untrustedClientAddress(headers: Headers): string | null {
  if (process.env.TRUST_PROXY === "1") return null;
  return lastForwardedFor(headers)?.slice(0, 100) || null;
}

/** Long enough for any real browser's; a longer one is somebody's payload, not an identification. */
const USER_AGENT_LIMIT = 512;

/** What the audit log records of where a request came from (lib/audit/record-audit-event.ts). */
export function requestInfo(headers: Headers): RequestInfo {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, USER_AGENT_LIMIT) || null };
}

/**
 * Only same-site paths: an open redirect after sign-in would be a phishing tool. The value is
 * resolved the way a browser would (which drops tabs and newlines), and must stay on our origin.
 */
export function safeReturnPath(value: unknown): string {
  const fallback = "/incidents";
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://same.invalid");
    return url.origin === "http://same.invalid" ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}
