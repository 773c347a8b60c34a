import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { isWebhookIdShape } from "./get-webhook";

/** Deletes the subscription with its delivery log; queued attempts find no delivery and stop. */
export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "webhooks.manage");
  if (!isWebhookIdShape(id)) throw notFound("Webhook subscription");
  await runTransaction(db, async (tx) => {
    const deleted = await tx
      .delete(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .returning({ id: webhookSubscriptions.id });
    if (deleted.length === 0) throw notFound(`Webhook subscription ${id}`);
  });
}
