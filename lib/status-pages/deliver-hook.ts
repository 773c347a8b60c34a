import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusWebhookDeliveries, statusWebhookSubscribers } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { postWebhook, REQUEST_TIMEOUT_MS } from "@/lib/webhooks/post-webhook";
import {
  classifyAnswer,
  DISABLE_AFTER_MS,
  type Outcome,
  retryDelaySeconds,
} from "@/lib/webhooks/retry-policy";
import { signedHeaders } from "@/lib/webhooks/sign";
import { resolveTarget, TargetRefused, type TargetOptions } from "@/lib/webhooks/webhook-target";
import { hookAuditTarget } from "./hook-subscriber-view";
import { type HookDeliverJobData, hookDeliverJobSpec } from "./hook-job-specs";

export type HookDeliverOptions = TargetOptions & {
  now?: () => Date;
  timeoutMs?: number;
  random?: () => number;
};
export type HookAttemptReport =
  | { status: "skipped"; why: string }
  | { status: "delivered" | "retrying" | "failed"; statusCode: number | null; error: string | null };

type Delivery = typeof statusWebhookDeliveries.$inferSelect;
type Subscriber = typeof statusWebhookSubscribers.$inferSelect;
const GONE: Actor = { type: "system", name: "status page webhook delivery", role: "admin" };

/**
 * Takes attempt `attempt` of a delivery, as lib/webhooks' deliverWebhook does: a job run twice finds
 * the attempt counted and does nothing. An update's post goes only to a confirmed subscriber (one who
 * unsubscribed or was deleted since is skipped); a verification goes to a pending one.
 */
async function claim(db: Db, data: HookDeliverJobData, now: Date) {
  return runTransaction(
    db,
    async (tx): Promise<{ delivery: Delivery; subscriber: Subscriber } | { skip: string }> => {
      const [delivery] = await tx
        .select()
        .from(statusWebhookDeliveries)
        .where(eq(statusWebhookDeliveries.id, data.deliveryId))
        .for("update");
      if (!delivery) return { skip: "the delivery no longer exists (subscriber deleted)" };
      if (delivery.status === "succeeded" || delivery.status === "failed")
        return { skip: `already ${delivery.status}` };
      if (delivery.attempts >= data.attempt) return { skip: `attempt ${data.attempt} already made` };
      const [subscriber] = await tx
        .select()
        .from(statusWebhookSubscribers)
        .where(eq(statusWebhookSubscribers.id, delivery.subscriberId));
      // Only a verification goes to a pending subscriber; updates and maintenance to confirmed ones.
      const wanted = delivery.dedupKey.startsWith("verify:") ? "pending" : "confirmed";
      if (subscriber.status !== wanted) {
        await tx
          .update(statusWebhookDeliveries)
          .set({
            status: "failed",
            lastError: `Cancelled: the subscriber is ${subscriber.status}.`,
            nextAttemptAt: null,
            completedAt: now,
          })
          .where(eq(statusWebhookDeliveries.id, delivery.id));
        return { skip: `subscriber ${subscriber.status}` };
      }
      await tx
        .update(statusWebhookDeliveries)
        .set({ attempts: data.attempt })
        .where(eq(statusWebhookDeliveries.id, delivery.id));
      return { delivery, subscriber };
    },
  );
}

/** One POST through the webhooks' guarded client: the address is resolved and checked (SSRF), then pinned. */
async function attempt(subscriber: Subscriber, delivery: Delivery, at: Date, options: HookDeliverOptions) {
  try {
    const target = await resolveTarget(subscriber.url, options);
    const headers = subscriber.secret ? signedHeaders(subscriber.secret, delivery.id, delivery.body, at) : {};
    const result = await postWebhook(target, delivery.body, headers, options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    if (result.statusCode === null)
      return { outcome: classifyAnswer(null, result.error), statusCode: null } as const;
    return {
      outcome: classifyAnswer(result.statusCode, null, result.location),
      statusCode: result.statusCode,
    };
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    const outcome: Outcome = {
      kind: error.permanent ? "permanent" : "retryable",
      error: `Refused: ${error.message}`,
    };
    return { outcome, statusCode: null };
  }
}

export async function deliverHook(
  db: Db,
  data: HookDeliverJobData,
  options: HookDeliverOptions = {},
): Promise<HookAttemptReport> {
  const clockNow = options.now ?? (() => new Date());
  const claimed = await claim(db, data, clockNow());
  if ("skip" in claimed) return { status: "skipped", why: claimed.skip };
  const { delivery, subscriber } = claimed;
  const { outcome, statusCode } = await attempt(subscriber, delivery, clockNow(), options);
  const now = clockNow();
  const error = outcome.kind === "delivered" ? null : outcome.error;
  // Retried on lib/webhooks' policy (5xx, 408, 429, no answer; backoff with jitter) for 24 hours.
  const tooOld = now.getTime() - delivery.createdAt.getTime() >= DISABLE_AFTER_MS;
  const retry = outcome.kind === "retryable" && !tooOld;
  const finalError = outcome.kind === "retryable" && !retry ? `${error} Gave up: retried for 24 h.` : error;
  const nextAttemptAt = retry
    ? new Date(now.getTime() + retryDelaySeconds(data.attempt, options.random) * 1000)
    : null;
  const status = outcome.kind === "delivered" ? "succeeded" : retry ? "retrying" : "failed";
  return runTransaction(db, async (tx): Promise<HookAttemptReport> => {
    await tx
      .update(statusWebhookDeliveries)
      .set({
        status,
        lastStatusCode: statusCode,
        lastError: finalError,
        nextAttemptAt,
        completedAt: retry ? null : now,
      })
      .where(eq(statusWebhookDeliveries.id, delivery.id));
    // 410 Gone says "stop" (Slack answers it for an archived channel): no more posts to this URL.
    if (delivery.updateId && statusCode === 410) {
      await tx
        .update(statusWebhookSubscribers)
        .set({ status: "unsubscribed", unsubscribedAt: now })
        .where(eq(statusWebhookSubscribers.id, subscriber.id));
      await recordAuditEvent(tx, GONE, {
        action: "status_webhook_subscriber.unsubscribed",
        target: hookAuditTarget(subscriber),
        before: { status: subscriber.status },
        after: { status: "unsubscribed", reason: "answered 410 Gone" },
      });
    }
    if (nextAttemptAt)
      await enqueueJob(
        tx,
        hookDeliverJobSpec,
        { deliveryId: delivery.id, attempt: data.attempt + 1 },
        { startAfter: nextAttemptAt },
      );
    return { status: status === "succeeded" ? "delivered" : status, statusCode, error: finalError };
  });
}

export const hookDeliverJob = defineJob(hookDeliverJobSpec, async (data, { db }) => {
  await deliverHook(db, data);
});
