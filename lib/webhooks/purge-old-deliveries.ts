import { and, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/webhooks-schema";
import { defineMaintenance } from "@/lib/jobs/maintenance";

export const DELIVERY_LOG_DAYS = 30;

/** Finished deliveries (and their attempts, by cascade) older than 30 days leave the log; unfinished ones stay. */
export async function purgeOldDeliveries(db: Db, now = new Date()): Promise<number> {
  const oldest = new Date(now.getTime() - DELIVERY_LOG_DAYS * 24 * 60 * 60_000);
  const deleted = await db
    .delete(webhookDeliveries)
    .where(
      and(
        lt(webhookDeliveries.createdAt, oldest),
        inArray(webhookDeliveries.status, ["succeeded", "failed"]),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return deleted.length;
}

export const purgeOldDeliveriesMaintenance = defineMaintenance(
  "webhooks.purge-old-deliveries",
  purgeOldDeliveries,
);
