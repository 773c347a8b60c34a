import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { toWebhookView } from "./get-webhook";
import type { WebhookTargetView, WebhookView } from "./schemas";

export async function listWebhooks(db: Db, actor: Actor): Promise<WebhookView[]> {
  authorize(actor, "webhooks.manage");
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return rows.map(toWebhookView);
}

/**
 * The subscriptions a workflow's notify action may name, for responders who edit workflows: a label
 * (description, or the URL's host) but never the URL, since a chat webhook URL is itself a secret.
 */
export async function listWebhookTargets(db: Db, actor: Actor): Promise<WebhookTargetView[]> {
  authorize(actor, "workflows.read");
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return rows.map((row) => ({
    id: row.id,
    label: `${row.description || new URL(row.url).host} (${row.format})`,
    enabled: row.enabled,
  }));
}
