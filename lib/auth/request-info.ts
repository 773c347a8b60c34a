/**
 * The client address for rate limiting. `next start` appends the peer address to X-Forwarded-For,
 * so the last entry is the one a client cannot forge (behind a proxy, that proxy's entry).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).pop();
  return last || headers.get("x-real-ip") || "unknown";
}

/** Only same-site paths: an open redirect after sign-in would be a phishing tool. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/incidents";
  return value;
}
