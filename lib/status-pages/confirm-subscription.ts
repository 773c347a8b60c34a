import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageSubscribers } from "@/db/status-pages-schema";
import type { RequestInfo } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { hashSubscriberToken, isTokenShape } from "./subscriber-tokens";

/**
 * The confirm link: single use (the hash is cleared, so a second click is an invalid link) and valid
 * for 24 hours. Returns whether it confirmed; an unknown, used or expired link changes nothing.
 */
export async function confirmSubscription(
  db: Db,
  token: unknown,
  request: RequestInfo,
  options: UseCaseOptions = {},
): Promise<boolean> {
  if (!isTokenShape(token)) return false;
  return runTransaction(db, async (tx) => {
    const now = clock(options);
    const [row] = await tx
      .update(statusPageSubscribers)
      .set({ status: "confirmed", confirmTokenHash: null, confirmExpiresAt: null, confirmedAt: now })
      .where(
        and(
          eq(statusPageSubscribers.confirmTokenHash, hashSubscriberToken(token)),
          eq(statusPageSubscribers.status, "pending"),
          gt(statusPageSubscribers.confirmExpiresAt, now),
        ),
      )
      .returning();
    if (!row) return false;
    await recordAuditEvent(
      tx,
      { type: "anonymous", name: row.email, request },
      {
        action: "status_subscriber.confirmed",
        target: { type: "status_subscriber", id: row.id, name: row.email },
        after: { pageId: row.pageId, componentIds: row.componentIds },
      },
    );
    return true;
  });
}
