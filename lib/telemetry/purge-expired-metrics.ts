import { lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { defineMaintenance } from "@/lib/jobs/maintenance";
import { retentionDays } from "./ingest-metrics";

/** Deletes points past the retention; ingest does the same, but a silent service never ingests. */
export async function purgeExpiredMetrics(db: Db, now = new Date()): Promise<number> {
  const oldest = new Date(now.getTime() - retentionDays() * 24 * 60 * 60_000);
  const deleted = await db
    .delete(serviceMetrics)
    .where(lt(serviceMetrics.ts, oldest))
    .returning({ ts: serviceMetrics.ts });
  return deleted.length;
}

export const purgeExpiredMetricsMaintenance = defineMaintenance(
  "telemetry.purge-expired-metrics",
  purgeExpiredMetrics,
);
