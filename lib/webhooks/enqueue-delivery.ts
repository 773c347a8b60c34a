import type { Db } from "@/db/client";
import { webhookDeliveries, type webhookSubscriptions } from "@/db/webhooks-schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { deliverJobSpec } from "./deliver-job-spec";
import { newMessageId } from "./sign";
import { slackMessage } from "./slack-message";
import type { WebhookBody } from "./webhook-payload";

type Subscription = typeof webhookSubscriptions.$inferSelect;
export type NewDelivery = { dedupKey: string; eventId?: number | null; body: WebhookBody; now: Date };

/**
 * Inserts one delivery and queues its first attempt, both in the caller's transaction. The unique
 * (subscription, dedupKey) makes a second fan-out of the same event a no-op (returns null), so each
 * subscription gets one delivery per event however often the event is handed over.
 */
export async function enqueueDelivery(
  tx: Db,
  subscription: Subscription,
  delivery: NewDelivery,
): Promise<string | null> {
  const body = subscription.format === "slack" ? slackMessage(delivery.body) : delivery.body;
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({
      id: newMessageId(),
      subscriptionId: subscription.id,
      dedupKey: delivery.dedupKey,
      eventId: delivery.eventId ?? null,
      eventType: delivery.body.type,
      body: JSON.stringify(body),
      status: "pending",
      createdAt: delivery.now,
    })
    .onConflictDoNothing({ target: [webhookDeliveries.subscriptionId, webhookDeliveries.dedupKey] })
    .returning({ id: webhookDeliveries.id });
  if (!row) return null;
  await enqueueJob(tx, deliverJobSpec, { deliveryId: row.id, attempt: 1 });
  return row.id;
}
