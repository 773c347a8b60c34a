import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages, statusWebhookSubscribers } from "@/db/status-pages-schema";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, notFound } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { appUrl } from "@/lib/webhooks/app-url";
import { newWebhookSecret } from "@/lib/webhooks/sign";
import type { TargetOptions } from "@/lib/webhooks/webhook-target";
import { enqueueHookDelivery } from "./enqueue-hook-delivery";
import { hookVerificationMessage } from "./hook-message";
import { HookSignupInput, type HookType } from "./hook-schemas";
import { hookAuditTarget } from "./hook-subscriber-view";
import { assertHookUrlAllowed } from "./hook-target-check";
import { assertComponentsOnPage, type SubscriptionRequest } from "./request-subscription";
import { newStatusPageId } from "./status-page-ids";
import { claimSubscribeAttempt } from "./subscribe-limits";
import { hashSubscriberToken, newSubscriberToken } from "./subscriber-tokens";

const CONFIRM_TTL_MS = 24 * 60 * 60 * 1000;

export const hookConfirmUrl = (slug: string, token: string) =>
  `${appUrl()}/status/${encodeURIComponent(slug)}/webhook-subscription/confirm?token=${token}`;

/** What the sign-up page shows: the secret (a `webhook`'s signing key) exists only in this answer. */
export type HookSignupResult = { type: HookType; secret: string | null };

/**
 * A webhook or chat sign-up from the public page (decision 0124). The URL passes the SSRF guard, then
 * gets a verification message carrying a single-use confirm link (24 h); nothing else is posted to it
 * until that link is used. A `webhook`'s messages, the verification included, are signed with a new
 * secret shown to the person signing up. A URL already confirmed on the page is a 409 (a URL is no
 * personal data, and a stranger must not reset someone's secret or choice).
 */
export async function requestHookSubscription(
  db: Db,
  where: SubscriptionRequest,
  rawInput: unknown,
  options: UseCaseOptions & TargetOptions = {},
): Promise<HookSignupResult> {
  const input = parseInput(HookSignupInput, rawInput);
  await assertHookUrlAllowed(input.url, options);
  return runTransaction(db, async (tx) => {
    const now = clock(options);
    const [page] = await tx.select().from(statusPages).where(eq(statusPages.slug, where.slug));
    if (!page || page.visibility !== "public") throw notFound("Status page");
    const componentIds = input.scope === "all" ? null : [...new Set(input.components)].sort();
    if (componentIds) await assertComponentsOnPage(tx, page.id, componentIds);
    await claimSubscribeAttempt(tx, where.ipKey, input.url, now);

    const token = newSubscriberToken();
    const secret = input.type === "webhook" ? newWebhookSecret() : null;
    const expiresAt = new Date(now.getTime() + CONFIRM_TTL_MS);
    const fresh = {
      type: input.type,
      secret,
      componentIds,
      status: "pending",
      confirmTokenHash: hashSubscriberToken(token),
      confirmExpiresAt: expiresAt,
      unsubscribedAt: null,
    };
    await tx
      .insert(statusWebhookSubscribers)
      .values({
        id: newStatusPageId("spw"),
        pageId: page.id,
        url: input.url,
        createdBy: "public sign-up",
        createdAt: now,
        ...fresh,
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(statusWebhookSubscribers)
      .where(and(eq(statusWebhookSubscribers.pageId, page.id), eq(statusWebhookSubscribers.url, input.url)))
      .for("update");
    if (row.status === "confirmed")
      throw new DomainError("already_exists", "This URL already gets this page's updates.");
    // A pending or unsubscribed URL starts over: the old link and secret stop working.
    await tx.update(statusWebhookSubscribers).set(fresh).where(eq(statusWebhookSubscribers.id, row.id));
    await enqueueHookDelivery(tx, {
      subscriberId: row.id,
      dedupKey: `verify:${now.getTime()}:${token.slice(0, 8)}`,
      updateId: null,
      message: hookVerificationMessage(input.type, page, hookConfirmUrl(page.slug, token), expiresAt),
      now,
    });
    await recordAuditEvent(
      tx,
      { type: "anonymous", name: hookAuditTarget(row).name ?? "", request: where.request },
      {
        action: "status_webhook_subscriber.requested",
        target: hookAuditTarget(row),
        after: { pageId: page.id, type: input.type, componentIds },
      },
    );
    return { type: input.type, secret };
  });
}
