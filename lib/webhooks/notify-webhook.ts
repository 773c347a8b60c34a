import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { enqueueDelivery } from "./enqueue-delivery";
import { NOTIFY_EVENT } from "./schemas";
import { incidentSummary } from "./webhook-payload";

export type NotifyRequest = {
  webhookId: string;
  incidentId: string;
  workflowName: string;
  trigger: string;
  eventKey: string;
  now: Date;
};
export type NotifyResult = { status: "ok" | "error" | "skipped"; detail: string };

/**
 * A workflow's notify action: queues the incident, as it is now, to one subscription in the
 * workflow run's transaction (so it is sent exactly when the run commits), through the same delivery
 * job as events. The run's claim already makes it once per (workflow, event); the dedup key repeats that.
 */
export async function notifyWebhook(tx: Db, request: NotifyRequest): Promise<NotifyResult> {
  const [subscription] = await tx
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, request.webhookId));
  if (!subscription)
    return { status: "error", detail: `Webhook subscription ${request.webhookId} no longer exists.` };
  if (!subscription.enabled)
    return {
      status: "skipped",
      detail: `Webhook subscription ${subscription.description || subscription.id} is disabled${subscription.disabledReason ? ` (${subscription.disabledReason})` : ""}.`,
    };
  const incident = await incidentSummary(tx, request.incidentId);
  const body = {
    type: NOTIFY_EVENT,
    timestamp: request.now.toISOString(),
    data: { workflow: request.workflowName, trigger: request.trigger, incident, changes: {} },
  };
  const dedupKey = `workflow:${request.workflowName}:${request.eventKey}`.slice(0, 500);
  const deliveryId = await enqueueDelivery(tx, subscription, { dedupKey, body, now: request.now });
  return deliveryId
    ? {
        status: "ok",
        detail: `queued ${request.incidentId} to ${subscription.description || subscription.id} (delivery ${deliveryId})`,
      }
    : {
        status: "skipped",
        detail: `already queued to ${subscription.description || subscription.id} for this event`,
      };
}
