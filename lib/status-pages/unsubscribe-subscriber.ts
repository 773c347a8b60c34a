import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageSubscribers } from "@/db/status-pages-schema";
import type { RequestInfo } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { hashSubscriberToken, isTokenShape } from "./subscriber-tokens";

/**
 * One-click unsubscribe (RFC 8058): the token in the mail's link is the whole authority, no session.
 * The token keeps working, so a second click (or the mail client's POST after the user's) is
 * harmless. Returns whether the token named a subscriber.
 */
export async function unsubscribeSubscriber(
  db: Db,
  token: unknown,
  request: RequestInfo,
  options: UseCaseOptions = {},
): Promise<boolean> {
  if (!isTokenShape(token)) return false;
  const hash = hashSubscriberToken(token);
  return runTransaction(db, async (tx) => {
    const now = clock(options);
    const [row] = await tx
      .update(statusPageSubscribers)
      .set({ status: "unsubscribed", unsubscribedAt: now, confirmTokenHash: null, confirmExpiresAt: null })
      .where(
        and(
          eq(statusPageSubscribers.unsubscribeTokenHash, hash),
          ne(statusPageSubscribers.status, "unsubscribed"),
        ),
      )
      .returning();
    if (!row) {
      const [known] = await tx
        .select({ id: statusPageSubscribers.id })
        .from(statusPageSubscribers)
        .where(eq(statusPageSubscribers.unsubscribeTokenHash, hash));
      return Boolean(known);
    }
    await recordAuditEvent(
      tx,
      { type: "anonymous", name: row.email, request },
      {
        action: "status_subscriber.unsubscribed",
        target: { type: "status_subscriber", id: row.id, name: row.email },
        after: { pageId: row.pageId },
      },
    );
    return true;
  });
}
