import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusWebhookSubscribers } from "@/db/status-pages-schema";
import type { RequestInfo } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { hookAuditTarget } from "./hook-subscriber-view";
import { hashSubscriberToken, isTokenShape } from "./subscriber-tokens";

/**
 * The verification's confirm link, POSTed (by the receiver, or the button its GET shows): single use,
 * 24 hours. A GET never confirms, since chat apps open links to preview them. Returns whether it did.
 */
export async function confirmHookSubscription(
  db: Db,
  token: unknown,
  request: RequestInfo,
  options: UseCaseOptions = {},
): Promise<boolean> {
  if (!isTokenShape(token)) return false;
  return runTransaction(db, async (tx) => {
    const now = clock(options);
    const [row] = await tx
      .update(statusWebhookSubscribers)
      .set({ status: "confirmed", confirmTokenHash: null, confirmExpiresAt: null, confirmedAt: now })
      .where(
        and(
          eq(statusWebhookSubscribers.confirmTokenHash, hashSubscriberToken(token)),
          eq(statusWebhookSubscribers.status, "pending"),
          gt(statusWebhookSubscribers.confirmExpiresAt, now),
        ),
      )
      .returning();
    if (!row) return false;
    await recordAuditEvent(
      tx,
      { type: "anonymous", name: hookAuditTarget(row).name ?? "", request },
      {
        action: "status_webhook_subscriber.confirmed",
        target: hookAuditTarget(row),
        after: { pageId: row.pageId, type: row.type, componentIds: row.componentIds },
      },
    );
    return true;
  });
}
