import { createHash, randomInt, timingSafeEqual } from "node:crypto";

export const CODE_LIFETIME_MS = 10 * 60_000;
export const RESEND_AFTER_MS = 60_000;
export const MAX_CODE_ATTEMPTS = 5;

export const newVerificationCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

// Bound to the method, so one code's hash says nothing about another method's. Six digits are no
// secret against someone holding the table; the 10-minute life and 5 tries are the protection.
export const hashVerificationCode = (methodId: string, code: string) =>
  createHash("sha256").update(`contact-verification:${methodId}:${code}`).digest("hex");

export function codeMatches(methodId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(hashVerificationCode(methodId, code), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** When the current code was sent: its expiry less its lifetime (no column of its own needed). */
export const codeSentAt = (expiresAt: Date) => new Date(expiresAt.getTime() - CODE_LIFETIME_MS);
