import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { defineMaintenance } from "@/lib/jobs/maintenance";

/** How long the outbox keeps events: live streams replay from it, consumers mark it; nothing needs it for ever. */
export const eventRetentionDays = () => Number(process.env.EVENT_RETENTION_DAYS ?? 30);

const BATCH = 5_000;

/**
 * Deletes events older than the retention (their consumption marks go with them, ON DELETE CASCADE), in
 * batches so an alert storm's backlog never becomes one long transaction holding locks.
 */
export async function purgeExpiredEvents(db: Db, now = new Date()): Promise<number> {
  const oldest = new Date(now.getTime() - eventRetentionDays() * 24 * 60 * 60_000);
  let total = 0;
  for (;;) {
    const deleted = await db.execute(
      sql`delete from events where id in (select id from events where created_at < ${oldest.toISOString()}::timestamptz order by id limit ${BATCH}) returning id`,
    );
    const count = rowsOf(deleted).length;
    total += count;
    if (count < BATCH) return total;
  }
}

export const purgeExpiredEventsMaintenance = defineMaintenance(
  "events.purge-expired-events",
  purgeExpiredEvents,
);
