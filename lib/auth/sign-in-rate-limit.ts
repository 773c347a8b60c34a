import { and, count, eq, gt, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { DomainError } from "@/lib/errors";

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Counts this attempt first, then refuses with 429 once the account (or the IP, when known) has too
 * many recent attempts: recording before checking the password means parallel guesses cannot all
 * slip through before the first failure is written. A successful sign-in clears the account's count.
 */
export async function recordSignInAttempt(db: Db, email: string, ip: string | null, now = new Date()): Promise<{ succeeded: () => Promise<void> }> {
  const keys = [accountKey(email), ...(ip ? [ipKey(ip)] : [])];
  await db.insert(signInAttempts).values(keys.map((key) => ({ key, at: now })));
  const since = new Date(now.getTime() - WINDOW_MS);
  const attempts = async (key: string) =>
    Number((await db.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since))))[0].n);
  const account = await attempts(accountKey(email));
  const address = ip ? await attempts(ipKey(ip)) : 0;
  if (account > MAX_FAILURES_PER_ACCOUNT || address > MAX_FAILURES_PER_IP) {
    throw new DomainError("rate_limited", "Too many failed sign-ins. Wait 15 minutes and try again.", {
      extra: { retryAfterSeconds: WINDOW_MS / 1000 },
    });
  }
  return {
    // A success wipes the account's count and takes this attempt off the address's.
    succeeded: async () => {
      await db.delete(signInAttempts).where(or(eq(signInAttempts.key, accountKey(email)), ...(ip ? [and(eq(signInAttempts.key, ipKey(ip)), eq(signInAttempts.at, now))] : [])));
    },
  };
}

/** Keep the table small: anything older than the window no longer counts. */
export async function pruneSignInAttempts(db: Db, now = new Date()): Promise<void> {
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - WINDOW_MS)));
}
