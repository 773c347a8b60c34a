import { setTimeout as sleep } from "node:timers/promises";
import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { connectionTimeouts, type Db } from "@/db/client";
import { pgErrorCode } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { hasActiveClaim, markClaimCommitted } from "@/lib/http/idempotency-claim";

/**
 * Both well below the one-minute abandonment cutoff of an Idempotency-Key claim
 * (lib/http/idempotency.ts): a command stuck behind a lock gives up long before a retry may take its
 * claim over, even after every attempt.
 */
export const LOCK_TIMEOUT_MS = 5_000;
export const STATEMENT_TIMEOUT_MS = 15_000;
export const TRANSACTION_ATTEMPTS = 3;

// deadlock_detected, serialization_failure: the whole transaction is safe to run again.
const RETRYABLE = new Set(["40P01", "40001"]);
// lock_not_available (lock_timeout), query_canceled (statement_timeout): the database is busy.
const BUSY = new Set(["55P03", "57014"]);

export type RunTransactionOptions = {
  attempts?: number;
  /**
   * `fn` reads, then writes with exactly one statement. Unless that statement must commit with an
   * Idempotency-Key mark, or `db` is a transaction already, it then runs without BEGIN and COMMIT, as
   * its own transaction: the row locks it takes last only while PostgreSQL runs and commits it, with
   * no round trip to this process in between.
   */
  oneStatement?: boolean;
};

/** Whether `db` is a transaction already (runTransaction then opens a savepoint of it). */
export const isTransaction = (db: Db) => is(db, PgTransaction);

/**
 * The one way a use case opens a transaction. It makes sure of the lock and statement timeouts, runs `fn`
 * again (up to three attempts, jittered backoff) when PostgreSQL picks it as a deadlock victim or
 * refuses it for serialization, marks the request's Idempotency-Key as committed inside the same
 * transaction, and turns a database that stays busy into a 503 instead of a 500.
 * `fn` may run more than once: it must have no effects outside `tx`.
 */
export async function runTransaction<T>(
  db: Db,
  fn: (tx: Db) => Promise<T>,
  options: RunTransactionOptions = {},
): Promise<T> {
  // Nested: a savepoint of the outer transaction, which owns the timeouts, the retry and the mark.
  if (isTransaction(db)) return db.transaction((tx) => fn(tx as unknown as Db));

  const attempts = options.attempts ?? TRANSACTION_ATTEMPTS;
  const alone = options.oneStatement === true && !hasActiveClaim() && !needsOwnTimeouts(db);
  for (let attempt = 1; ; attempt++) {
    try {
      if (alone) return await fn(db);
      return await db.transaction(async (tx) => {
        if (needsOwnTimeouts(db)) {
          await tx.execute(
            sql`select set_config('lock_timeout', ${`${LOCK_TIMEOUT_MS}ms`}, true), set_config('statement_timeout', ${`${STATEMENT_TIMEOUT_MS}ms`}, true)`,
          );
        }
        const result = await fn(tx as unknown as Db);
        await markClaimCommitted(tx as unknown as Db);
        return result;
      });
    } catch (error) {
      const code = pgErrorCode(error);
      if (code && RETRYABLE.has(code)) {
        if (attempt < attempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw new DomainError(
          "unavailable",
          "The change kept colliding with simultaneous changes and was not applied; try again.",
          { retryAfter: 1 },
        );
      }
      if (code && BUSY.has(code)) {
        throw new DomainError(
          "unavailable",
          "The database is busy and the change was not applied; try again.",
          { retryAfter: 2 },
        );
      }
      throw error;
    }
  }
}

/**
 * The connections of the app's handle start with the configured timeouts (db/client.ts). When those are
 * already the transaction's, setting them again is a round trip for nothing (one per command); an
 * unknown handle or other values (DB_LOCK_TIMEOUT_MS=0, a longer statement limit) still get them set.
 */
function needsOwnTimeouts(db: Db): boolean {
  const session = connectionTimeouts(db);
  return (
    !session || session.lock_timeout !== LOCK_TIMEOUT_MS || session.statement_timeout !== STATEMENT_TIMEOUT_MS
  );
}

// 10–40 ms, then 20–80 ms: long enough for the other transaction to finish, short for a request.
const backoffMs = (attempt: number) => 10 * 2 ** (attempt - 1) * (1 + Math.random() * 3);
