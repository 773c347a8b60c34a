import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { defineEventConsumer } from "@/lib/events/consumers";
import type { StoredEvent } from "@/lib/events/event-types";
import { enqueueDelivery } from "./enqueue-delivery";
import { WEBHOOK_EVENTS } from "./schemas";
import { webhookBodyForEvent } from "./webhook-payload";

export const WEBHOOKS_CONSUMER = "webhooks.fanout";

/**
 * One delivery (and its first job) per enabled subscription that wants the event, in the consumer's
 * transaction with the consumption mark: the event is fanned out once however many instances or
 * redeliveries see it, and a failed fan-out leaves no half set of deliveries.
 */
export async function fanOutEvent(tx: Db, event: StoredEvent): Promise<number> {
  const subscriptions = await tx
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.enabled, true), sql`${webhookSubscriptions.events} ? ${event.type}`));
  if (subscriptions.length === 0) return 0;
  const body = await webhookBodyForEvent(tx, event);
  let queued = 0;
  for (const subscription of subscriptions) {
    if (
      await enqueueDelivery(tx, subscription, {
        dedupKey: `event:${event.id}`,
        eventId: event.id,
        body,
        now: new Date(),
      })
    )
      queued++;
  }
  return queued;
}

/** The event types some enabled subscription wants. */
export async function subscribedEventTypes(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ events: webhookSubscriptions.events })
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.enabled, true));
  return new Set(rows.flatMap((row) => row.events));
}

export const webhooksConsumer = defineEventConsumer({
  name: WEBHOOKS_CONSUMER,
  types: WEBHOOK_EVENTS,
  consume: async (tx, event) => {
    await fanOutEvent(tx, event);
  },
  interest: subscribedEventTypes,
});
