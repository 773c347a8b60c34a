import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  publicIncidents,
  publicIncidentUpdates,
  statusPageComponents,
  statusPages,
  statusWebhookSubscribers,
} from "@/db/status-pages-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueHookDelivery } from "./enqueue-hook-delivery";
import { type HookUpdateJobData, hookUpdateJobSpec, hookUpdateKey } from "./hook-job-specs";
import { hookUpdateMessage, hookUpdatePayload } from "./hook-message";
import type { HookType } from "./hook-schemas";

/**
 * Makes one chunk's deliveries of an update, in one transaction with their first jobs. The unique
 * (subscriber, `update:<id>`) makes a rerun queue nothing: one post per (update, subscriber). Only
 * what was published is sent (as the mails), never the internal incident. Returns how many were new.
 */
export async function hookUpdateChunk(db: Db, data: HookUpdateJobData): Promise<number> {
  return runTransaction(db, async (tx) => {
    const [update] = await tx
      .select({
        id: publicIncidentUpdates.id,
        title: publicIncidentUpdates.title,
        body: publicIncidentUpdates.body,
        phase: publicIncidentUpdates.phase,
        statuses: publicIncidentUpdates.componentStatuses,
        at: publicIncidentUpdates.createdAt,
        incidentId: publicIncidents.id,
        incidentTitle: publicIncidents.title,
        pageId: statusPages.id,
        pageName: statusPages.name,
        slug: statusPages.slug,
      })
      .from(publicIncidentUpdates)
      .innerJoin(publicIncidents, eq(publicIncidents.id, publicIncidentUpdates.publicIncidentId))
      .innerJoin(statusPages, eq(statusPages.id, publicIncidents.pageId))
      .where(eq(publicIncidentUpdates.id, data.updateId));
    if (!update) return 0;
    const names = new Map(
      (
        await tx
          .select({ id: statusPageComponents.id, name: statusPageComponents.name })
          .from(statusPageComponents)
          .where(eq(statusPageComponents.pageId, update.pageId))
          .orderBy(asc(statusPageComponents.position))
      ).map((c) => [c.id, c.name]),
    );
    const payload = hookUpdatePayload({
      type: data.type,
      page: { slug: update.slug, name: update.pageName },
      // The phase this update set: a later update must not rewrite what this one said.
      incident: { id: update.incidentId, title: update.incidentTitle, phase: update.phase },
      update: {
        id: update.id,
        title: update.title,
        body: update.body,
        components: update.statuses.flatMap((c) =>
          names.has(c.componentId) ? [{ name: names.get(c.componentId)!, status: c.status }] : [],
        ),
        at: update.at,
      },
    });
    const subscribers = await tx
      .select({ id: statusWebhookSubscribers.id, type: statusWebhookSubscribers.type })
      .from(statusWebhookSubscribers)
      .where(
        and(
          inArray(statusWebhookSubscribers.id, data.subscriberIds),
          eq(statusWebhookSubscribers.pageId, update.pageId),
          eq(statusWebhookSubscribers.status, "confirmed"),
        ),
      );
    const now = new Date();
    let created = 0;
    for (const subscriber of subscribers) {
      const id = await enqueueHookDelivery(tx, {
        subscriberId: subscriber.id,
        dedupKey: hookUpdateKey(update.id),
        updateId: update.id,
        message: hookUpdateMessage(subscriber.type as HookType, payload),
        now,
      });
      if (id) created++;
    }
    return created;
  });
}

export const hookUpdateJob = defineJob(hookUpdateJobSpec, async (data, { db }) => {
  await hookUpdateChunk(db, data);
});
