import { createHmac, randomBytes, randomUUID } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of the key
// bytes, and the signature is over `${id}.${timestamp}.${body}` with the DECODED key, as the spec's
// reference libraries do.
export const SECRET_PREFIX = "whsec_";

export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;

/** The stable `webhook-id` of one delivery (every attempt repeats it). */
export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    "base64",
  );
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** The three headers of one attempt; the timestamp is the attempt's, so a retry is not refused as stale. */
export function signedHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatureOf(secret, id, timestamp, body),
  };
}
