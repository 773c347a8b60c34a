import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import type { WebhookFormat, WebhookView } from "./schemas";

type Row = typeof webhookSubscriptions.$inferSelect;

/** The only mapping from a row to what leaves lib/: the secret never does (creation adds it once). */
export function toWebhookView(row: Row): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    format: row.format as WebhookFormat,
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    failingSince: row.failingSince,
    lastFailure: row.lastFailure,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Ids are opaque; anything that cannot be one is simply not found. */
export const isWebhookIdShape = (id: string) => id.length > 0 && id.length <= 64 && !id.includes("\u0000");

export async function findWebhookRow(db: Db, id: string): Promise<Row> {
  if (!isWebhookIdShape(id)) throw notFound("Webhook subscription");
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw notFound(`Webhook subscription ${id}`);
  return row;
}

export async function getWebhook(db: Db, actor: Actor, id: string): Promise<WebhookView> {
  authorize(actor, "webhooks.manage");
  return toWebhookView(await findWebhookRow(db, id));
}
