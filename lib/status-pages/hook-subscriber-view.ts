import { count, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusPageComponents,
  statusWebhookDeliveries,
  statusWebhookSubscribers,
} from "@/db/status-pages-schema";
import type { AuditTarget } from "@/lib/audit/record-audit-event";
import type { DeliveryCounts, HookSubscriberView, HookType } from "./hook-schemas";

type Row = typeof statusWebhookSubscribers.$inferSelect;

/** Only the origin: a chat webhook's path is its key, and the log and list must not leak it. */
export const hookAddress = (url: string) => (URL.canParse(url) ? new URL(url).origin : "");

export const hookAuditTarget = (row: Pick<Row, "id" | "type" | "url">): AuditTarget => ({
  type: "status_webhook_subscriber",
  id: row.id,
  name: `${row.type} ${hookAddress(row.url)}`,
});

const bucketOf = (status: string): keyof DeliveryCounts =>
  status === "succeeded" ? "sent" : status === "failed" ? "failed" : "pending";

/** Sent / failed / pending deliveries per key (a subscriber's or an update's id), by `column`. */
export async function countHookDeliveries(
  db: Db,
  by: "subscriberId" | "updateId",
  ids: string[],
): Promise<Map<string, DeliveryCounts>> {
  const counts = new Map(ids.map((id) => [id, { sent: 0, failed: 0, pending: 0 }]));
  if (ids.length === 0) return counts;
  const column = statusWebhookDeliveries[by];
  const rows = await db
    .select({ key: column, status: statusWebhookDeliveries.status, n: count() })
    .from(statusWebhookDeliveries)
    .where(inArray(column, ids))
    .groupBy(column, statusWebhookDeliveries.status);
  for (const { key, status, n } of rows) if (key) counts.get(key)![bucketOf(status)] += Number(n);
  return counts;
}

/** A page's component names by id (a component deleted since is no longer among a choice). */
export async function componentNames(db: Db, pageId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: statusPageComponents.id, name: statusPageComponents.name })
    .from(statusPageComponents)
    .where(eq(statusPageComponents.pageId, pageId));
  return new Map(rows.map((c) => [c.id, c.name]));
}

export function toHookSubscriberView(
  row: Row,
  names: Map<string, string>,
  delivery: DeliveryCounts = { sent: 0, failed: 0, pending: 0 },
): HookSubscriberView {
  return {
    id: row.id,
    type: row.type as HookType,
    address: hookAddress(row.url),
    status: row.status as HookSubscriberView["status"],
    components: row.componentIds?.flatMap((id) => names.get(id) ?? []) ?? null,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    delivery,
  };
}
