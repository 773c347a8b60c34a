import type { Db } from "@/db/client";
import { statusWebhookSubscribers } from "@/db/status-pages-schema";
import { actorLabel, type Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import type { TargetOptions } from "@/lib/webhooks/webhook-target";
import { newWebhookSecret } from "@/lib/webhooks/sign";
import { CreateHookSubscriberInput, type CreatedHookSubscriberView } from "./hook-schemas";
import { componentNames, hookAuditTarget, toHookSubscriberView } from "./hook-subscriber-view";
import { assertHookUrlAllowed } from "./hook-target-check";
import { lockStatusPage } from "./lock-status-page";
import { assertComponentsOnPage } from "./request-subscription";
import { newStatusPageId } from "./status-page-ids";

/**
 * A manager adds a webhook or chat subscriber: confirmed at once (they vouch for the URL), and the
 * signing secret of a `webhook` is in this answer only. The URL passes the SSRF guard or is a 422.
 */
export async function createHookSubscriber(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions & TargetOptions = {},
): Promise<CreatedHookSubscriberView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(CreateHookSubscriberInput, rawInput);
  await assertHookUrlAllowed(input.url, options);
  return runTransaction(db, async (tx) => {
    const now = clock(options);
    const page = await lockStatusPage(tx, pageId);
    const componentIds = input.components === null ? null : [...new Set(input.components)].sort();
    if (componentIds) await assertComponentsOnPage(tx, page.id, componentIds);
    const secret = input.type === "webhook" ? newWebhookSecret() : null;
    const [row] = await tx
      .insert(statusWebhookSubscribers)
      .values({
        id: newStatusPageId("spw"),
        pageId: page.id,
        type: input.type,
        url: input.url,
        secret,
        componentIds,
        status: "confirmed",
        createdBy: actorLabel(actor),
        createdAt: now,
        confirmedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError("already_exists", "This URL already subscribes to this page.");
    await recordAuditEvent(tx, actor, {
      action: "status_webhook_subscriber.created",
      target: hookAuditTarget(row),
      after: { pageId: page.id, type: row.type, componentIds },
    });
    return { ...toHookSubscriberView(row, await componentNames(tx, page.id)), secret };
  });
}
