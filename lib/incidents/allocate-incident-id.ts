import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentCounters } from "@/db/schema";

export const formatIncidentId = (year: number, seq: number) => `INC-${year}-${String(seq).padStart(4, "0")}`;

/**
 * Next number of the year, inside the declaring transaction. The counter lock (the table's SHARE ROW
 * EXCLUSIVE mode, which conflicts with itself but not with readers) is taken first and held until
 * commit, so concurrent declarations queue here and a rolled-back one gives its number back: IDs are
 * gapless per year. The time, and so the year, is read only once the lock is held: a declaration that
 * waited past midnight on New Year's Eve belongs to the new year, and its ID must say so.
 */
export async function allocateIncidentId(tx: Db, readClock: () => Date): Promise<{ id: string; seq: number; year: number; now: Date }> {
  await tx.execute(sql`LOCK TABLE ${incidentCounters} IN SHARE ROW EXCLUSIVE MODE`);
  const now = readClock();
  const year = now.getUTCFullYear();
  const [row] = await tx
    .insert(incidentCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: incidentCounters.year, set: { last: sql`${incidentCounters.last} + 1` } })
    .returning({ last: incidentCounters.last });
  return { id: formatIncidentId(year, row.last), seq: row.last, year, now };
}
