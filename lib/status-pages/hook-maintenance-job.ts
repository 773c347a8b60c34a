import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusWebhookSubscribers } from "@/db/status-pages-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { loadPublishedMaintenance } from "./load-published-maintenance";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueHookDelivery } from "./enqueue-hook-delivery";
import { type HookMaintenanceJobData, hookMaintenanceJobSpec, hookMaintenanceKey } from "./hook-job-specs";
import { hookMaintenanceMessage } from "./hook-maintenance-message";
import type { HookType } from "./hook-schemas";

/**
 * One chunk of a maintenance event's webhook and chat deliveries, as hookUpdateChunk does for public
 * updates: the unique (subscriber, `maintenance:<id>:<kind>`) makes a rerun queue nothing, and
 * whoever was removed since the fan-out is skipped. Returns how many deliveries were new.
 */
export async function hookMaintenanceChunk(db: Db, data: HookMaintenanceJobData): Promise<number> {
  return runTransaction(db, async (tx) => {
    const maintenance = await loadPublishedMaintenance(tx, data.maintenanceId);
    if (!maintenance) return 0;
    const subscribers = await tx
      .select({ id: statusWebhookSubscribers.id, type: statusWebhookSubscribers.type })
      .from(statusWebhookSubscribers)
      .where(
        and(
          inArray(statusWebhookSubscribers.id, data.subscriberIds),
          eq(statusWebhookSubscribers.pageId, maintenance.pageId),
          eq(statusWebhookSubscribers.status, "confirmed"),
        ),
      );
    const published = { ...maintenance, page: { slug: maintenance.slug, name: maintenance.pageName } };
    const now = new Date();
    let created = 0;
    for (const subscriber of subscribers) {
      const id = await enqueueHookDelivery(tx, {
        subscriberId: subscriber.id,
        dedupKey: hookMaintenanceKey(maintenance.id, data.kind),
        updateId: null,
        message: hookMaintenanceMessage(subscriber.type as HookType, data.kind, published),
        now,
      });
      if (id) created++;
    }
    return created;
  });
}

export const hookMaintenanceJob = defineJob(hookMaintenanceJobSpec, async (data, { db }) => {
  await hookMaintenanceChunk(db, data);
});
