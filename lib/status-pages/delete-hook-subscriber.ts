import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusWebhookSubscribers } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { hookAuditTarget } from "./hook-subscriber-view";
import { lockStatusPage } from "./lock-status-page";
import { isIdShape } from "./status-page-ids";

/** Removes a webhook or chat subscriber with its deliveries; queued attempts find nothing and stop. */
export async function deleteHookSubscriber(
  db: Db,
  actor: Actor,
  pageId: string,
  subscriberId: string,
): Promise<void> {
  authorize(actor, "status-pages.manage");
  if (!isIdShape(subscriberId, "spw")) throw notFound("Subscriber");
  await runTransaction(db, async (tx) => {
    await lockStatusPage(tx, pageId);
    const [row] = await tx
      .delete(statusWebhookSubscribers)
      .where(and(eq(statusWebhookSubscribers.id, subscriberId), eq(statusWebhookSubscribers.pageId, pageId)))
      .returning();
    if (!row) throw notFound(`Subscriber ${subscriberId}`);
    await recordAuditEvent(tx, actor, {
      action: "status_webhook_subscriber.deleted",
      target: hookAuditTarget(row),
      before: { pageId, type: row.type, status: row.status, componentIds: row.componentIds },
    });
  });
}
