import { and, count, eq, gt, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { DomainError } from "@/lib/errors";

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Refuses with 429 once an account or an IP has too many recent failures (sliding 15 minutes). */
export async function assertSignInAllowed(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = async (key: string) =>
    Number((await db.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since))))[0].n);
  const [account, address] = await Promise.all([failures(accountKey(email)), failures(ipKey(ip))]);
  if (account >= MAX_FAILURES_PER_ACCOUNT || address >= MAX_FAILURES_PER_IP) {
    throw new DomainError("rate_limited", "Too many failed sign-ins. Wait 15 minutes and try again.", {
      extra: { retryAfterSeconds: WINDOW_MS / 1000 },
    });
  }
}

export async function recordSignInFailure(db: Db, email: string, ip: string, now = new Date()): Promise<void> {
  await db.insert(signInAttempts).values([
    { key: accountKey(email), at: now },
    { key: ipKey(ip), at: now },
  ]);
  // Keep the table small: anything older than the window no longer counts.
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - WINDOW_MS)));
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInAttempts).where(or(eq(signInAttempts.key, accountKey(email))));
}
