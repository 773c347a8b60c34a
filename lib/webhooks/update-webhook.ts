import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound, validationError } from "@/lib/errors";
import { clock, parseInput } from "@/lib/validation";
import { assertTargetAllowed, type WebhookOptions } from "./create-webhook";
import { isWebhookIdShape, toWebhookView } from "./get-webhook";
import { UpdateWebhookInput, type WebhookView } from "./schemas";
import { recordAuditEvent, updateActionOf } from "@/lib/audit/record-audit-event";
import { webhookAuditSnapshot, webhookAuditTarget } from "./webhook-audit";

/**
 * PATCH semantics. `enabled: true` re-enables and clears the failure state (a fresh 24-hour window);
 * `enabled: false` is an admin's choice and says so as the reason.
 */
export async function updateWebhook(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: WebhookOptions = {},
): Promise<WebhookView> {
  authorize(actor, "webhooks.manage");
  const input = parseInput(UpdateWebhookInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  if (!isWebhookIdShape(id)) throw notFound("Webhook subscription");
  if (input.url !== undefined) await assertTargetAllowed(input.url, options);
  const row = await runTransaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, id))
      .for("update");
    if (!current) throw notFound(`Webhook subscription ${id}`);
    const now = clock(options);
    const enabling = input.enabled === true && !current.enabled;
    const disabling = input.enabled === false && current.enabled;
    const [updated] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(enabling
          ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null, lastFailure: null }
          : {}),
        ...(disabling
          ? {
              enabled: false,
              disabledReason: `Disabled by ${actor.type === "user" ? actor.name : "an API token"}.`,
              disabledAt: now,
            }
          : {}),
        updatedAt: now,
      })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    const [before, after] = [webhookAuditSnapshot(current), webhookAuditSnapshot(updated)];
    await recordAuditEvent(tx, actor, {
      action: updateActionOf("webhook", before, after),
      target: webhookAuditTarget(updated),
      before,
      after,
    });
    return updated;
  });
  return toWebhookView(row);
}
