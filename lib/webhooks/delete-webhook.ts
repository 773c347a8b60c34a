import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { isWebhookIdShape } from "./get-webhook";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { webhookAuditSnapshot, webhookAuditTarget } from "./webhook-audit";

/** Deletes the subscription with its delivery log; queued attempts find no delivery and stop. */
export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "webhooks.manage");
  if (!isWebhookIdShape(id)) throw notFound("Webhook subscription");
  await runTransaction(db, async (tx) => {
    const [deleted] = await tx
      .delete(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    if (!deleted) throw notFound(`Webhook subscription ${id}`);
    await recordAuditEvent(tx, actor, {
      action: "webhook.deleted",
      target: webhookAuditTarget(deleted),
      before: webhookAuditSnapshot(deleted),
    });
  });
}
