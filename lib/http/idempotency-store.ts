import { createHmac, randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appMeta, idempotencyKeys } from "@/db/core-schema";

export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** Live keys kept per principal; past it the oldest answered keys are dropped (decision 0009). */
export const KEYS_PER_PRINCIPAL = 1000;

const FINGERPRINT_SECRET = "idempotency_fingerprint_secret";
const generatedSecrets = new WeakMap<Db, Promise<Buffer>>();

/**
 * The HMAC key of request fingerprints. Derived from BETTER_AUTH_SECRET when it is set (then the
 * database alone cannot be used to test guesses of a request body, such as a password); otherwise
 * generated once and kept in app_meta, so every instance on one PostgreSQL agrees.
 */
async function fingerprintSecret(db: Db): Promise<Buffer> {
  const fromEnv = process.env.BETTER_AUTH_SECRET;
  if (fromEnv) return createHmac("sha256", fromEnv).update("idempotency-fingerprint").digest();
  let pending = generatedSecrets.get(db);
  if (!pending) {
    pending = (async () => {
      await db
        .insert(appMeta)
        .values({ key: FINGERPRINT_SECRET, value: randomBytes(32).toString("base64url") })
        .onConflictDoNothing();
      const [row] = await db
        .select({ value: appMeta.value })
        .from(appMeta)
        .where(eq(appMeta.key, FINGERPRINT_SECRET));
      return Buffer.from(row.value, "base64url");
    })();
    pending.catch(() => generatedSecrets.delete(db));
    generatedSecrets.set(db, pending);
  }
  return pending;
}

/** What "the same request" means for a key: method, path and the exact body, under a server-side HMAC. */
export async function requestFingerprint(
  db: Db,
  method: string,
  path: string,
  body: string,
): Promise<string> {
  return createHmac("sha256", await fingerprintSecret(db))
    .update(`${method} ${path}\n${body}`)
    .digest("hex");
}

/**
 * Deletes every key older than the 24-hour TTL, whatever its state; returns how many. Called by the
 * scheduler every few minutes; `created_at` is indexed for it.
 */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date = new Date()): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}

/** One expired key (the scheduler may not have run yet) must not answer for a new request. */
export async function deleteExpiredKey(db: Db, principal: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.principal, principal),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${KEY_TTL_MS / 1000})`),
      ),
    );
}

/**
 * Keeps a principal at KEYS_PER_PRINCIPAL keys by dropping its oldest answered ones (done or
 * withheld). Claims still running or committed without a stored answer are never dropped: forgetting
 * those could let a retry apply a command twice.
 */
export async function trimKeysToCap(db: Db, principal: string, cap = KEYS_PER_PRINCIPAL): Promise<void> {
  await db.execute(sql`
    delete from idempotency_keys k
    using (
      select key from idempotency_keys
      where principal = ${principal} and state in ('done', 'withheld')
      order by created_at, key
      limit greatest(0, (select count(*) from idempotency_keys where principal = ${principal}) - ${cap})
    ) oldest
    where k.principal = ${principal} and k.key = oldest.key`);
}
