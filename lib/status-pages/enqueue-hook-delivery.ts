import type { Db } from "@/db/client";
import { statusWebhookDeliveries } from "@/db/status-pages-schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { newMessageId } from "@/lib/webhooks/sign";
import { hookDeliverJobSpec } from "./hook-job-specs";

export type NewHookDelivery = {
  subscriberId: string;
  dedupKey: string;
  updateId: string | null;
  message: unknown;
  now: Date;
};

/**
 * Inserts one delivery and queues its first attempt in the caller's transaction. The unique
 * (subscriber, key) makes a second fan-out of the same update a no-op (null): one post per
 * (update, subscriber) however often the chunk runs.
 */
export async function enqueueHookDelivery(tx: Db, delivery: NewHookDelivery): Promise<string | null> {
  const [row] = await tx
    .insert(statusWebhookDeliveries)
    .values({
      id: newMessageId(),
      subscriberId: delivery.subscriberId,
      dedupKey: delivery.dedupKey,
      updateId: delivery.updateId,
      body: JSON.stringify(delivery.message),
      status: "pending",
      createdAt: delivery.now,
    })
    .onConflictDoNothing({ target: [statusWebhookDeliveries.subscriberId, statusWebhookDeliveries.dedupKey] })
    .returning({ id: statusWebhookDeliveries.id });
  if (!row) return null;
  await enqueueJob(tx, hookDeliverJobSpec, { deliveryId: row.id, attempt: 1 });
  return row.id;
}
