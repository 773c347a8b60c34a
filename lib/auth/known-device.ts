import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { authSecret } from "./auth";
import { normalizeAccount } from "./sign-in-rate-limit";

/**
 * A browser that signed in to an account before carries a signed cookie naming a device id for that
 * account. Its attempts count on their own (account, device) pair and skip the account-wide ceiling,
 * so a stranger's guesses against the account never keep its owner out of their own browser.
 */
export const KNOWN_DEVICE_COOKIE = "im_known_device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

const signature = (secret: string, account: string, device: string, expires: number) =>
  createHmac("sha256", secret)
    .update(`known-device.${normalizeAccount(account)}.${device}.${expires}`)
    .digest("base64url");

/** A new cookie value for this account: `<device>.<expires, epoch seconds>.<signature>`. */
export async function issueKnownDevice(db: Db, account: string, now = new Date()): Promise<string> {
  const device = randomBytes(12).toString("base64url");
  const expires = Math.floor(now.getTime() / 1000) + KNOWN_DEVICE_MAX_AGE_SECONDS;
  return `${device}.${expires}.${signature(await authSecret(db), account, device, expires)}`;
}

/** The device id when the cookie is this account's, unexpired and signed by us; otherwise null. */
export async function knownDeviceOf(
  db: Db,
  value: string | null | undefined,
  account: string,
  now = new Date(),
): Promise<string | null> {
  const match = /^([A-Za-z0-9_-]{16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return null;
  const [, device, expiresText, given] = match;
  const expires = Number(expiresText);
  if (expires * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(signature(await authSecret(db), account, device, expires));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? device : null;
}

/** The cookie's value in a Cookie header, if the browser sent one. */
export function knownDeviceCookie(headers: Headers): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === KNOWN_DEVICE_COOKIE) return rest.join("=");
  }
  return null;
}
