import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentCounters } from "@/db/schema";

export const formatIncidentId = (year: number, seq: number) => `INC-${year}-${String(seq).padStart(4, "0")}`;

/**
 * Next number of the year, inside the declaring transaction. The upsert holds the counter row's lock
 * until commit, so concurrent declarations queue here, and a rolled-back declaration gives its number
 * back: IDs are gapless per year.
 */
export async function allocateIncidentId(tx: Db, year: number): Promise<{ id: string; seq: number }> {
  const [row] = await tx
    .insert(incidentCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: incidentCounters.year, set: { last: sql`${incidentCounters.last} + 1` } })
    .returning({ last: incidentCounters.last });
  return { id: formatIncidentId(year, row.last), seq: row.last };
}
