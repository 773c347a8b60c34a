import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhookSubscriptions } from "@/db/webhooks-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { formatUtc } from "@/lib/format";
import { deliverJobSpec, type DeliverJobData } from "./deliver-job-spec";
import { postWebhook, REQUEST_TIMEOUT_MS } from "./post-webhook";
import { classifyAnswer, DISABLE_AFTER_MS, type Outcome, retryDelaySeconds } from "./retry-policy";
import { signedHeaders } from "./sign";
import { resolveTarget, TargetRefused, type TargetOptions } from "./webhook-target";
import { TEST_EVENT } from "./schemas";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { webhookAuditTarget } from "./webhook-audit";

export type DeliverOptions = TargetOptions & {
  /** The clock (tests pass a fake one to reach the 24-hour limit). */
  now?: () => Date;
  timeoutMs?: number;
  random?: () => number;
};

export type AttemptReport =
  | { status: "skipped"; why: string }
  | { status: "delivered" | "retrying" | "failed"; statusCode: number | null; error: string | null };

type Delivery = typeof webhookDeliveries.$inferSelect;
/** Who the audit log says disabled a subscription whose deliveries failed for 24 hours. */
const AUTO_DISABLER: Actor = { type: "system", name: "webhook delivery", role: "admin" };
type Subscription = typeof webhookSubscriptions.$inferSelect;

/**
 * Takes attempt `attempt` of a delivery. A job that runs twice (a crash after the request, or a second
 * worker) finds the attempt logged and does nothing; one that died mid-request finds it unlogged
 * and sends again, with the same webhook-id so the receiver can tell.
 */
async function claim(
  db: Db,
  data: DeliverJobData,
  now: Date,
): Promise<{ delivery: Delivery; subscription: Subscription } | { skip: string }> {
  return runTransaction(db, async (tx) => {
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, data.deliveryId))
      .for("update");
    if (!delivery) return { skip: "the delivery no longer exists (subscription deleted)" };
    if (delivery.status === "succeeded" || delivery.status === "failed")
      return { skip: `already ${delivery.status}` };
    if (delivery.attempts >= data.attempt) {
      const [logged] = await tx
        .select({ id: webhookDeliveryAttempts.id })
        .from(webhookDeliveryAttempts)
        .where(
          and(
            eq(webhookDeliveryAttempts.deliveryId, delivery.id),
            eq(webhookDeliveryAttempts.attempt, data.attempt),
          ),
        );
      if (logged) return { skip: `attempt ${data.attempt} already made` };
    }
    const [subscription] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, delivery.subscriptionId));
    if (!subscription.enabled && delivery.eventType !== TEST_EVENT) {
      await tx
        .update(webhookDeliveries)
        .set({
          status: "failed",
          lastError: "Cancelled: the subscription was disabled.",
          nextAttemptAt: null,
          completedAt: now,
        })
        .where(eq(webhookDeliveries.id, delivery.id));
      return { skip: "subscription disabled" };
    }
    await tx
      .update(webhookDeliveries)
      .set({ attempts: data.attempt })
      .where(eq(webhookDeliveries.id, delivery.id));
    return { delivery, subscription };
  });
}

async function attempt(
  subscription: Subscription,
  delivery: Delivery,
  at: Date,
  options: DeliverOptions,
): Promise<{ outcome: Outcome; statusCode: number | null }> {
  try {
    const target = await resolveTarget(subscription.url, options);
    const body = delivery.body;
    const result = await postWebhook(
      target,
      body,
      signedHeaders(subscription.secret, delivery.id, body, at),
      options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    );
    if (result.statusCode === null) return { outcome: classifyAnswer(null, result.error), statusCode: null };
    return {
      outcome: classifyAnswer(result.statusCode, null, result.location),
      statusCode: result.statusCode,
    };
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return {
      outcome: { kind: error.permanent ? "permanent" : "retryable", error: `Refused: ${error.message}` },
      statusCode: null,
    };
  }
}

export async function deliverWebhook(
  db: Db,
  data: DeliverJobData,
  options: DeliverOptions = {},
): Promise<AttemptReport> {
  const clockNow = options.now ?? (() => new Date());
  const claimed = await claim(db, data, clockNow());
  if ("skip" in claimed) return { status: "skipped", why: claimed.skip };
  const { delivery } = claimed;
  const startedAt = clockNow();
  const started = performance.now();
  const { outcome, statusCode } = await attempt(claimed.subscription, delivery, startedAt, options);
  const durationMs = Math.round(performance.now() - started);
  const now = clockNow();
  const error = outcome.kind === "delivered" ? null : outcome.error;

  return runTransaction(db, async (tx): Promise<AttemptReport> => {
    // Locked: two deliveries failing at once must not both start (or both end) the failure run.
    const [subscription] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, delivery.subscriptionId))
      .for("update");
    if (!subscription) return { status: "skipped", why: "subscription deleted during the attempt" };
    const health = healthAfter(subscription, outcome, now);
    if (health)
      await tx.update(webhookSubscriptions).set(health).where(eq(webhookSubscriptions.id, subscription.id));
    if (health?.enabled === false)
      await recordAuditEvent(tx, AUTO_DISABLER, {
        action: "webhook.disabled",
        target: webhookAuditTarget(subscription),
        before: { enabled: true },
        after: { enabled: false },
      });
    const stillEnabled = health?.enabled ?? subscription.enabled;

    const tooOld = now.getTime() - delivery.createdAt.getTime() >= DISABLE_AFTER_MS;
    const retry =
      outcome.kind === "retryable" && (stillEnabled || delivery.eventType === TEST_EVENT) && !tooOld;
    let finalError = error;
    if (outcome.kind === "retryable" && !retry)
      finalError = `${error} Gave up: ${tooOld ? "retried for 24 h" : "the subscription is disabled"}.`;
    const nextAttemptAt = retry
      ? new Date(now.getTime() + retryDelaySeconds(data.attempt, options.random) * 1000)
      : null;

    await tx
      .insert(webhookDeliveryAttempts)
      .values({
        deliveryId: delivery.id,
        attempt: data.attempt,
        statusCode,
        durationMs,
        error: finalError,
        willRetry: retry,
        at: startedAt,
      })
      .onConflictDoNothing();
    const status = outcome.kind === "delivered" ? "succeeded" : retry ? "retrying" : "failed";
    await tx
      .update(webhookDeliveries)
      .set({
        status,
        lastStatusCode: statusCode,
        lastError: finalError,
        nextAttemptAt,
        completedAt: retry ? null : now,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    // Our own re-enqueue (not pg-boss's retry): the next attempt is queued in the transaction that logs
    // this one, at a time computed here, and only for failures worth retrying.
    if (nextAttemptAt)
      await enqueueJob(
        tx,
        deliverJobSpec,
        { deliveryId: delivery.id, attempt: data.attempt + 1 },
        { startAfter: nextAttemptAt },
      );
    return { status: status === "succeeded" ? "delivered" : status, statusCode, error: finalError };
  });
}

/** The subscription's failure state after an attempt; disabled once failures have lasted 24 h. */
function healthAfter(subscription: Subscription, outcome: Outcome, now: Date): Partial<Subscription> | null {
  if (outcome.kind === "delivered") {
    return subscription.failingSince || subscription.lastFailure
      ? { failingSince: null, lastFailure: null }
      : null;
  }
  const failingSince = subscription.failingSince ?? now;
  const change: Partial<Subscription> = { failingSince, lastFailure: outcome.error };
  if (subscription.enabled && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS) {
    Object.assign(change, {
      enabled: false,
      disabledAt: now,
      disabledReason: `Disabled automatically: every delivery failed for 24 hours (since ${formatUtc(failingSince)}). Last error: ${outcome.error}`,
    });
  }
  return change;
}
