import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { toWebhookView } from "./get-webhook";
import { CreateWebhookInput, type WebhookView } from "./schemas";
import { newWebhookSecret } from "./sign";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { webhookAuditSnapshot, webhookAuditTarget } from "./webhook-audit";
import { resolveTarget, TargetRefused, type TargetOptions } from "./webhook-target";

export type WebhookOptions = UseCaseOptions & TargetOptions;

/** The SSRF check at the door (delivery checks again): a refused target is a 422 on `url`. */
export async function assertTargetAllowed(url: string, options: TargetOptions): Promise<void> {
  try {
    await resolveTarget(url, options);
  } catch (error) {
    if (error instanceof TargetRefused)
      throw validationError([{ path: "url", message: error.message }], "This URL may not receive webhooks.");
    throw error;
  }
}

/** The only answer that ever contains the secret. */
export async function createWebhook(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: WebhookOptions = {},
): Promise<WebhookView & { secret: string }> {
  authorize(actor, "webhooks.manage");
  const input = parseInput(CreateWebhookInput, rawInput);
  // Resolved before the transaction: no DNS wait while holding a connection.
  await assertTargetAllowed(input.url, options);
  const secret = newWebhookSecret();
  const row = await runTransaction(db, async (tx) => {
    const now = clock(options);
    const [inserted] = await tx
      .insert(webhookSubscriptions)
      .values({
        id: `wh_${randomUUID().replaceAll("-", "")}`,
        url: input.url,
        events: input.events,
        format: input.format,
        description: input.description,
        secret,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "webhook.created",
      target: webhookAuditTarget(inserted),
      after: webhookAuditSnapshot(inserted),
    });
    return inserted;
  });
  return { ...toWebhookView(row), secret };
}
