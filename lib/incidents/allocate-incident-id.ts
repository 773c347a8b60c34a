import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentCounters } from "@/db/schema";

export const formatIncidentId = (year: number, seq: number) => `INC-${year}-${String(seq).padStart(4, "0")}`;

/**
 * Next number of the year, inside the declaring transaction. The counter lock (the table's SHARE ROW
 * EXCLUSIVE mode, which conflicts with itself but not with readers) is taken first and held until
 * commit, so concurrent declarations queue here and a rolled-back one gives its number back: IDs are
 * gapless per year.
 *
 * The lock and the upsert are sent together (postgres.js pipelines them on the transaction's
 * connection; PostgreSQL runs them in order), so the queue behind the lock waits one round trip less
 * per declaration. The upsert's year is therefore read before the lock, and checked against a time
 * read once the lock is held: a declaration that waited past midnight on New Year's Eve belongs to
 * the new year, so it rolls back (giving the old year's number back) and runs again.
 */
export async function allocateIncidentId(tx: Db, readClock: () => Date): Promise<{ id: string; seq: number; year: number; now: Date }> {
  const year = readClock().getUTCFullYear();
  const lock = tx.execute(sql`LOCK TABLE ${incidentCounters} IN SHARE ROW EXCLUSIVE MODE`);
  const upsert = tx
    .insert(incidentCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: incidentCounters.year, set: { last: sql`${incidentCounters.last} + 1` } })
    .returning({ last: incidentCounters.last });
  const [, [row]] = await Promise.all([lock, upsert]);
  const now = readClock();
  if (now.getUTCFullYear() !== year) throw new YearTurned();
  return { id: formatIncidentId(year, row.last), seq: row.last, year, now };
}

/** Retried by runTransaction like a serialization failure: the whole declaration runs again. */
export class YearTurned extends Error {
  readonly code = "40001";
  constructor() {
    super("The year turned while waiting for the incident counter; declaring again in the new year.");
  }
}
