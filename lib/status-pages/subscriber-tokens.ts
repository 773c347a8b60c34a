import { createHash, createHmac, randomBytes } from "node:crypto";
import { appUrl } from "@/lib/webhooks/app-url";

// 32 random bytes: unguessable, so the link itself is the proof; only its hash is stored.
export const newSubscriberToken = () => randomBytes(32).toString("base64url");
export const hashSubscriberToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A subscriber's unsubscribe token: an HMAC of its id under the server's secret (32 bytes, the shape
 * of a random token). Only its hash is stored, as for every token, yet the fan-out can put a working
 * link into each of 10,000 mails without storing or rotating anything (decision 0117).
 */
export const unsubscribeTokenOf = (secret: string, subscriberId: string) =>
  createHmac("sha256", secret).update(`status-unsubscribe.${subscriberId}`).digest("base64url");

/** A token's shape, checked before any query: anything else is an invalid link, not a lookup. */
export const isTokenShape = (token: unknown): token is string =>
  typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

export const confirmUrl = (slug: string, token: string) =>
  `${appUrl()}/status/${encodeURIComponent(slug)}/subscription/confirm?token=${token}`;
export const unsubscribeUrl = (slug: string, token: string) =>
  `${appUrl()}/status/${encodeURIComponent(slug)}/subscription/unsubscribe?token=${token}`;

/** RFC 8058 one-click headers; a mailto too when STATUS_UNSUBSCRIBE_MAILTO names a mailbox that acts on it. */
export function unsubscribeHeaders(slug: string, token: string): Record<string, string> {
  const mailto = process.env.STATUS_UNSUBSCRIBE_MAILTO?.trim();
  const targets = [`<${unsubscribeUrl(slug, token)}>`];
  if (mailto) targets.push(`<mailto:${mailto}?subject=unsubscribe%20${token}>`);
  return { "List-Unsubscribe": targets.join(", "), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
