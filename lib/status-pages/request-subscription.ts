import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponents, statusPages, statusPageSubscribers } from "@/db/status-pages-schema";
import type { RequestInfo } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authSecret } from "@/lib/auth/auth";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound, validationError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { claimSubscribeAttempt, CONFIRM_RESEND_MS } from "./subscribe-limits";
import { SubscribeInput } from "./subscriber-schemas";
import {
  confirmUrl,
  hashSubscriberToken,
  newSubscriberToken,
  unsubscribeHeaders,
  unsubscribeTokenOf,
} from "./subscriber-tokens";
import { newStatusPageId } from "./status-page-ids";

const CONFIRM_TTL_MS = 24 * 60 * 60 * 1000;

export type SubscriptionRequest = { slug: string; request: RequestInfo; ipKey: string };

/**
 * A sign-up from the public page. Whatever the address's state, the caller answers the same page
 * ("check your inbox"): only the inbox learns whether a mail was sent. A confirmed subscriber gets
 * nothing (their choice of components is not changed by a stranger); a pending or unsubscribed one
 * gets a fresh confirm link, at most once in 10 minutes.
 */
export async function requestSubscription(
  db: Db,
  where: SubscriptionRequest,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<void> {
  const input = parseInput(SubscribeInput, rawInput);
  // Read before the transaction: its first use inserts it, which must not wait on this one's locks.
  const secret = await authSecret(db);
  await runTransaction(db, async (tx) => {
    const now = clock(options);
    const [page] = await tx.select().from(statusPages).where(eq(statusPages.slug, where.slug));
    if (!page || page.visibility !== "public") throw notFound("Status page");
    const componentIds = input.scope === "all" ? null : [...new Set(input.components)].sort();
    if (componentIds) await assertComponentsOnPage(tx, page.id, componentIds);
    await claimSubscribeAttempt(tx, where.ipKey, input.email, now);

    await tx
      .insert(statusPageSubscribers)
      .values({
        id: newStatusPageId("sps"),
        pageId: page.id,
        email: input.email,
        componentIds,
        status: "pending",
        unsubscribeTokenHash: hashSubscriberToken(newSubscriberToken()),
        createdAt: now,
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(statusPageSubscribers)
      .where(and(eq(statusPageSubscribers.pageId, page.id), eq(statusPageSubscribers.email, input.email)))
      .for("update");
    if (row.status === "confirmed") return;
    if (row.confirmSentAt && now.getTime() - row.confirmSentAt.getTime() < CONFIRM_RESEND_MS) return;

    const confirmToken = newSubscriberToken();
    // The same link every later update's mail carries (derived, so the fan-out needs no stored token).
    const unsubscribeToken = unsubscribeTokenOf(secret, row.id);
    await tx
      .update(statusPageSubscribers)
      .set({
        status: "pending",
        componentIds,
        confirmTokenHash: hashSubscriberToken(confirmToken),
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS),
        confirmSentAt: now,
        unsubscribeTokenHash: hashSubscriberToken(unsubscribeToken),
        unsubscribedAt: null,
      })
      .where(eq(statusPageSubscribers.id, row.id));
    const link = confirmUrl(page.slug, confirmToken);
    await enqueueMail(
      tx,
      {
        to: input.email,
        subject: `Confirm your subscription to ${page.name} status`,
        text: [
          `Someone (hopefully you) asked for updates from the ${page.name} status page.`,
          `Confirm within 24 hours: ${link}`,
          "If it was not you, ignore this mail; nothing is sent without confirmation.",
        ].join("\n\n"),
        headers: unsubscribeHeaders(page.slug, unsubscribeToken),
      },
      { key: `status-subscriber:${row.id}:confirm:${now.getTime()}`, now },
    );
    await recordAuditEvent(
      tx,
      { type: "anonymous", name: input.email, request: where.request },
      {
        action: "status_subscriber.requested",
        target: { type: "status_subscriber", id: row.id, name: input.email },
        after: { pageId: page.id, componentIds },
      },
    );
  });
}

export async function assertComponentsOnPage(tx: Db, pageId: string, ids: string[]): Promise<void> {
  if (ids.length === 0)
    throw validationError([{ path: "components", message: "Choose at least one component." }]);
  const found = await tx
    .select({ id: statusPageComponents.id })
    .from(statusPageComponents)
    .where(and(eq(statusPageComponents.pageId, pageId), inArray(statusPageComponents.id, ids)));
  if (found.length !== ids.length)
    throw validationError([{ path: "components", message: "Choose components of this page." }]);
}
