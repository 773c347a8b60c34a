import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { appUrl } from "./app-url";
import { enqueueDelivery } from "./enqueue-delivery";
import { isWebhookIdShape } from "./get-webhook";
import { TEST_EVENT } from "./schemas";

/**
 * Queues a `webhook.test` message through the same delivery job as real events (signing, retries,
 * log). It is sent even to a disabled subscription — that is how an admin checks a fixed receiver
 * before re-enabling it.
 */
export async function sendTestWebhook(
  db: Db,
  actor: Actor,
  id: string,
  options: UseCaseOptions = {},
): Promise<{ deliveryId: string }> {
  authorize(actor, "webhooks.manage");
  if (!isWebhookIdShape(id)) throw notFound("Webhook subscription");
  return runTransaction(db, async (tx) => {
    const [subscription] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id));
    if (!subscription) throw notFound(`Webhook subscription ${id}`);
    const now = clock(options);
    const body = {
      type: TEST_EVENT,
      timestamp: now.toISOString(),
      data: {
        message: `Test message from the incident manager (${appUrl()}), sent by ${actorLabel(actor)}.`,
        subscriptionId: subscription.id,
      },
    };
    const deliveryId = await enqueueDelivery(tx, subscription, {
      dedupKey: `test:${randomUUID()}`,
      body,
      now,
    });
    return { deliveryId: deliveryId! };
  });
}
