import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  publicIncidentComponents,
  publicIncidentUpdates,
  statusPageSubscribers,
  statusWebhookSubscribers,
} from "@/db/status-pages-schema";
import { defineEventConsumer } from "@/lib/events/consumers";
import type { StoredEvent } from "@/lib/events/event-types";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { type HookUpdateJobData, hookUpdateJobSpec } from "./hook-job-specs";
import { FANOUT_CHUNK, mailUpdateJobSpec } from "./mail-update-job-spec";

export const STATUS_FANOUT_CONSUMER = "status-pages.fanout";

/** Whether a subscriber's choice takes an update about these components (no choice: everything). */
export const wantsUpdate = (choice: string[] | null, components: ReadonlySet<string>) =>
  choice === null || choice.some((id) => components.has(id));

/**
 * Splits one public update's audience into chunk jobs (decision 0117): every confirmed subscriber of
 * the page whose choice names a component of the update or its incident. Only ids are read and
 * queued here, in the consumption mark's transaction, so the event is fanned out once and 10,000
 * subscribers cost one short transaction; the chunks render and enqueue the mails.
 */
export async function fanOutUpdate(tx: Db, event: StoredEvent): Promise<number> {
  const payload = event.payload as { updateId?: unknown; pageId?: unknown; publicIncidentId?: unknown };
  if (typeof payload.updateId !== "string" || typeof payload.pageId !== "string") return 0;
  const [update] = await tx
    .select({ components: publicIncidentUpdates.componentStatuses })
    .from(publicIncidentUpdates)
    .where(eq(publicIncidentUpdates.id, payload.updateId));
  if (!update) return 0;
  // A resolution often names no component: it still concerns every component the incident touched.
  const touched =
    typeof payload.publicIncidentId === "string"
      ? await tx
          .select({ id: publicIncidentComponents.componentId })
          .from(publicIncidentComponents)
          .where(eq(publicIncidentComponents.publicIncidentId, payload.publicIncidentId))
      : [];
  const components = new Set([...update.components.map((c) => c.componentId), ...touched.map((c) => c.id)]);
  const subscribers = await tx
    .select({ id: statusPageSubscribers.id, choice: statusPageSubscribers.componentIds })
    .from(statusPageSubscribers)
    .where(
      and(eq(statusPageSubscribers.pageId, payload.pageId), eq(statusPageSubscribers.status, "confirmed")),
    )
    .orderBy(asc(statusPageSubscribers.id));
  const ids = subscribers.filter((s) => wantsUpdate(s.choice, components)).map((s) => s.id);
  const chunks: { payload: { updateId: string; subscriberIds: string[] } }[] = [];
  for (let i = 0; i < ids.length; i += FANOUT_CHUNK)
    chunks.push({ payload: { updateId: payload.updateId, subscriberIds: ids.slice(i, i + FANOUT_CHUNK) } });
  await enqueueJobs(tx, mailUpdateJobSpec, chunks);
  return ids.length + (await fanOutToHooks(tx, event, payload.pageId, payload.updateId, components));
}

/** The same for webhook and chat subscribers (decision 0124): chunk jobs of matching confirmed ids. */
async function fanOutToHooks(
  tx: Db,
  event: StoredEvent,
  pageId: string,
  updateId: string,
  components: ReadonlySet<string>,
): Promise<number> {
  const subscribers = await tx
    .select({ id: statusWebhookSubscribers.id, choice: statusWebhookSubscribers.componentIds })
    .from(statusWebhookSubscribers)
    .where(and(eq(statusWebhookSubscribers.pageId, pageId), eq(statusWebhookSubscribers.status, "confirmed")))
    .orderBy(asc(statusWebhookSubscribers.id));
  const ids = subscribers.filter((s) => wantsUpdate(s.choice, components)).map((s) => s.id);
  const type = event.type as HookUpdateJobData["type"];
  const chunks: { payload: HookUpdateJobData }[] = [];
  for (let i = 0; i < ids.length; i += FANOUT_CHUNK)
    chunks.push({ payload: { updateId, type, subscriberIds: ids.slice(i, i + FANOUT_CHUNK) } });
  await enqueueJobs(tx, hookUpdateJobSpec, chunks);
  return ids.length;
}

export const statusFanoutConsumer = defineEventConsumer({
  name: STATUS_FANOUT_CONSUMER,
  types: ["public_incident.created", "public_incident.updated", "public_incident.resolved"],
  consume: async (tx, event) => {
    await fanOutUpdate(tx, event);
  },
});
