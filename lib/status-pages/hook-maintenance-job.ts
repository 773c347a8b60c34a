import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageComponents,
  statusPages,
  statusWebhookSubscribers,
} from "@/db/status-pages-schema";
import { runTransaction } from "@/lib/db/run-transaction";
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
    const [maintenance] = await tx
      .select({
        id: statusMaintenances.id,
        title: statusMaintenances.title,
        body: statusMaintenances.body,
        startsAt: statusMaintenances.startsAt,
        endsAt: statusMaintenances.endsAt,
        pageId: statusPages.id,
        pageName: statusPages.name,
        slug: statusPages.slug,
        timeZone: statusPages.timeZone,
      })
      .from(statusMaintenances)
      .innerJoin(statusPages, eq(statusPages.id, statusMaintenances.pageId))
      .where(eq(statusMaintenances.id, data.maintenanceId));
    if (!maintenance) return 0;
    const components = await tx
      .select({ name: statusPageComponents.name })
      .from(statusMaintenanceComponents)
      .innerJoin(statusPageComponents, eq(statusPageComponents.id, statusMaintenanceComponents.componentId))
      .where(eq(statusMaintenanceComponents.maintenanceId, maintenance.id))
      .orderBy(asc(statusPageComponents.position), asc(statusPageComponents.id));
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
    const published = {
      ...maintenance,
      components: components.map((c) => c.name),
      page: { slug: maintenance.slug, name: maintenance.pageName },
    };
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
