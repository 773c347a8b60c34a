import { and, count, desc, eq, gt, inArray, isNull, lt, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts } from "@/db/core-schema";
import { DomainError } from "@/lib/errors";

/** Failures from one (account, IP) pair that are free; after them each try waits 2^failures seconds. */
export const FREE_FAILURES = 3;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Failures older than this no longer count towards a pair's delay. */
const MEMORY_MS = 24 * 60 * 60 * 1000;
/** Password spraying: this many attempts from one IP across any accounts in IP_WINDOW_MS refuse the IP. */
export const MAX_FAILURES_PER_IP = 20;
const IP_WINDOW_MS = 15 * 60 * 1000;

/**
 * Failures against one account from every client not known to it, in ACCOUNT_WINDOW_MS, past which
 * such clients wait: far above what a person mistypes, it stops a guesser who rotates addresses.
 */
export const ACCOUNT_CEILING = 50;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;

/** Where an attempt comes from, beyond the trusted IP: see lib/auth/request-info.ts, known-device.ts. */
export type AttemptSource = { address?: string | null; device?: string | null };

/** The counter an attempt counts on: its known device, else its trusted IP, else its claimed address. */
export const clientKey = (ip: string | null, source: AttemptSource = {}) =>
  source.device ? `device:${source.device}` : (ip ?? (source.address ? `addr:${source.address}` : null));

export const normalizeAccount = (email: string) => email.trim().toLowerCase();

/** How long the next try must wait after the last of `failures` failures. */
export const delaySeconds = (failures: number) =>
  failures < FREE_FAILURES ? 0 : Math.min(2 ** failures, MAX_DELAY_SECONDS);

const samePair = (account: string, ip: string | null) =>
  and(eq(signInAttempts.account, account), ip ? eq(signInAttempts.ip, ip) : isNull(signInAttempts.ip));

function waitText(seconds: number) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Counts this attempt first, then refuses (429) while its (account, client) pair is in its growing
 * delay, its IP has sprayed too many accounts, or (for a client the account does not know) the account
 * passed ACCOUNT_CEILING failures this hour. The client is a known device, the trusted IP, or without
 * TRUST_PROXY the claimed address, so a stranger's failures delay that stranger, not the owner. Recording before the password check means parallel guesses
 * each see the ones before them (by id), so no more than FREE_FAILURES slip through at once. A refused
 * attempt tested no password, so its row is removed again: hammering a delayed pair does not extend
 * the delay. With no client known at all the pair is the account alone.
 */
export async function recordSignInAttempt(
  db: Db,
  email: string,
  ip: string | null,
  now = new Date(),
  source: AttemptSource = {},
): Promise<{ succeeded: () => Promise<void> }> {
  const account = normalizeAccount(email);
  const client = clientKey(ip, source);
  const [mine] = await db
    .insert(signInAttempts)
    .values({ account, ip: client, at: now })
    .returning({ id: signInAttempts.id });
  const before = lt(signInAttempts.id, mine.id);

  const [pair] = await db
    .select({ n: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(
      and(samePair(account, client), before, gt(signInAttempts.at, new Date(now.getTime() - MEMORY_MS))),
    );
  const failures = Number(pair.n);
  let retryAfter =
    failures >= FREE_FAILURES && pair.last
      ? Math.ceil((new Date(pair.last).getTime() + delaySeconds(failures) * 1000 - now.getTime()) / 1000)
      : 0;

  if (!source.device) {
    // The CEILING-th most recent failure of the account: unknown clients wait until it leaves the window.
    const [edge] = await db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(
        and(
          eq(signInAttempts.account, account),
          before,
          gt(signInAttempts.at, new Date(now.getTime() - ACCOUNT_WINDOW_MS)),
        ),
      )
      .orderBy(desc(signInAttempts.at))
      .offset(ACCOUNT_CEILING - 1)
      .limit(1);
    if (edge)
      retryAfter = Math.max(
        retryAfter,
        Math.ceil((new Date(edge.at).getTime() + ACCOUNT_WINDOW_MS - now.getTime()) / 1000),
      );
  }

  if (ip && !source.device) {
    // The MAX-th most recent attempt from this IP: the IP is refused until it leaves the window.
    const [edge] = await db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(
        and(eq(signInAttempts.ip, ip), before, gt(signInAttempts.at, new Date(now.getTime() - IP_WINDOW_MS))),
      )
      .orderBy(desc(signInAttempts.at))
      .offset(MAX_FAILURES_PER_IP - 1)
      .limit(1);
    if (edge)
      retryAfter = Math.max(
        retryAfter,
        Math.ceil((new Date(edge.at).getTime() + IP_WINDOW_MS - now.getTime()) / 1000),
      );
  }

  if (retryAfter > 0) {
    await db.delete(signInAttempts).where(eq(signInAttempts.id, mine.id));
    throw new DomainError("rate_limited", `Too many failed sign-ins. Try again in ${waitText(retryAfter)}.`, {
      extra: { retryAfterSeconds: retryAfter },
    });
  }
  return {
    // A success forgets this pair's failures (and so takes them off the IP's count); an attacker's
    // pair elsewhere keeps its delay.
    succeeded: async () => {
      await db.delete(signInAttempts).where(samePair(account, client));
    },
  };
}

/** Keep the table small: anything older than the longest memory no longer counts. */
export async function pruneSignInAttempts(db: Db, now = new Date()): Promise<void> {
  await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - MEMORY_MS)));
}

export type SignInFailures = { failures: number; lockedUntil: Date | null };

/** Recent failures per account, and until when some pair of it is being delayed (for the users page). */
export async function signInFailuresByAccount(
  db: Db,
  emails: string[],
  now = new Date(),
): Promise<Map<string, SignInFailures>> {
  const result = new Map<string, SignInFailures>();
  if (emails.length === 0) return result;
  const rows = await db
    .select({ account: signInAttempts.account, n: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(
      and(
        inArray(signInAttempts.account, emails.map(normalizeAccount)),
        gt(signInAttempts.at, new Date(now.getTime() - MEMORY_MS)),
      ),
    )
    .groupBy(signInAttempts.account, signInAttempts.ip);
  for (const row of rows) {
    const n = Number(row.n);
    const until = row.last ? new Date(new Date(row.last).getTime() + delaySeconds(n) * 1000) : null;
    const entry = result.get(row.account) ?? { failures: 0, lockedUntil: null };
    entry.failures += n;
    if (n >= FREE_FAILURES && until && until > now && (!entry.lockedUntil || until > entry.lockedUntil))
      entry.lockedUntil = until;
    result.set(row.account, entry);
  }
  return result;
}

/** Forgets every failure of an account, from every IP (an admin's unlock). */
export async function clearSignInFailures(db: Db, email: string): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(eq(signInAttempts.account, normalizeAccount(email)))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
