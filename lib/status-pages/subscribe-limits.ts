import { and, count, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusSubscribeAttempts } from "@/db/status-pages-schema";
import { DomainError } from "@/lib/errors";

const WINDOW_MS = 60 * 60 * 1000;
// A person signs up a few times at most; a script signing up many addresses from one IP, or one
// address many times (to flood its inbox), stops here.
export const ATTEMPTS_PER_IP = 20;
export const ATTEMPTS_PER_ADDRESS = 5;
/** No second confirmation mail to one address within this long (the 10 minutes). */
export const CONFIRM_RESEND_MS = 10 * 60 * 1000;

/** Counts this attempt and refuses it (429) past either limit; rows older than a day are pruned. */
export async function claimSubscribeAttempt(tx: Db, ip: string, email: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  await tx
    .delete(statusSubscribeAttempts)
    .where(lt(statusSubscribeAttempts.at, new Date(now.getTime() - 86_400_000)));
  const [byIp] = await tx
    .select({ n: count() })
    .from(statusSubscribeAttempts)
    .where(and(eq(statusSubscribeAttempts.ip, ip), gte(statusSubscribeAttempts.at, since)));
  const [byAddress] = await tx
    .select({ n: count() })
    .from(statusSubscribeAttempts)
    .where(and(eq(statusSubscribeAttempts.email, email), gte(statusSubscribeAttempts.at, since)));
  if (Number(byIp.n) >= ATTEMPTS_PER_IP || Number(byAddress.n) >= ATTEMPTS_PER_ADDRESS) {
    throw new DomainError("rate_limited", "Too many sign-ups; try again in an hour.");
  }
  await tx.insert(statusSubscribeAttempts).values({ ip, email, at: now });
}
