import { asc, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineMaintenance } from "@/lib/jobs/maintenance";

export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

/**
 * AUDIT_RETENTION_DAYS, default 400 (a year and a review period). A value that is not a whole number
 * of days, at least 1, falls back to the default: a typo must never purge the whole log.
 */
export function auditRetentionDays(): number {
  const days = Number(process.env.AUDIT_RETENTION_DAYS ?? DEFAULT_AUDIT_RETENTION_DAYS);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_AUDIT_RETENTION_DAYS;
}

const BATCH = 5_000;

/**
 * Deletes audit events older than the retention, in batches. Each batch's transaction names its
 * cut-off in `app.audit_purge_before`, the only DELETE the append-only trigger (migration 0030) lets
 * through, and only for rows older than that moment.
 */
export async function purgeAuditEvents(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - auditRetentionDays() * 24 * 60 * 60_000);
  let total = 0;
  for (;;) {
    const count = await runTransaction(db, async (tx) => {
      await tx.execute(sql`select set_config('app.audit_purge_before', ${before.toISOString()}, true)`);
      const oldest = tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(lt(auditEvents.occurredAt, before))
        .orderBy(asc(auditEvents.id))
        .limit(BATCH);
      const deleted = await tx
        .delete(auditEvents)
        .where(inArray(auditEvents.id, oldest))
        .returning({ id: auditEvents.id });
      return deleted.length;
    });
    total += count;
    if (count < BATCH) return total;
  }
}

export const purgeAuditEventsMaintenance = defineMaintenance("audit.purge-old-events", purgeAuditEvents);
