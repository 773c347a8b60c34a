import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages, statusWebhookSubscribers } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { HookSubscriberView } from "./hook-schemas";
import { componentNames, countHookDeliveries, toHookSubscriberView } from "./hook-subscriber-view";
import { isIdShape } from "./status-page-ids";

/** A page's webhook and chat subscribers, oldest first, each with its delivery counts. */
export async function listHookSubscribers(
  db: Db,
  actor: Actor,
  pageId: string,
): Promise<HookSubscriberView[]> {
  authorize(actor, "status-pages.manage");
  if (!isIdShape(pageId, "sp")) throw notFound("Status page");
  const [page] = await db.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.id, pageId));
  if (!page) throw notFound(`Status page ${pageId}`);
  const rows = await db
    .select()
    .from(statusWebhookSubscribers)
    .where(eq(statusWebhookSubscribers.pageId, pageId))
    .orderBy(asc(statusWebhookSubscribers.createdAt), asc(statusWebhookSubscribers.id));
  const names = await componentNames(db, pageId);
  const counts = await countHookDeliveries(
    db,
    "subscriberId",
    rows.map((row) => row.id),
  );
  return rows.map((row) => toHookSubscriberView(row, names, counts.get(row.id)));
}
