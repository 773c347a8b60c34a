import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusPageComponents,
  statusPageSubscribers,
  statusPages,
  statusWebhookSubscribers,
} from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { type CsvColumn, toCsv } from "@/lib/csv/to-csv";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { HookType } from "./hook-schemas";
import { hookAddress } from "./hook-subscriber-view";
import { isIdShape } from "./status-page-ids";

export type SubscriberView = {
  id: string;
  type: "email" | HookType;
  /** An email subscriber's address; null for a webhook or chat subscriber. */
  email: string | null;
  /** The email address, or a webhook's URL origin (a chat webhook's path is its key). */
  address: string;
  status: "pending" | "confirmed" | "unsubscribed";
  components: string[] | null;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
};

/**
 * A page's subscribers, email first then webhook and chat ones, each oldest first, with the names of the components they chose (null: all).
 * Addresses are personal data: only those who manage status pages see them, never the public page.
 */
export async function listSubscribers(db: Db, actor: Actor, pageId: string) {
  authorize(actor, "status-pages.manage");
  if (!isIdShape(pageId, "sp")) throw notFound("Status page");
  const [page] = await db.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.id, pageId));
  if (!page) throw notFound(`Status page ${pageId}`);
  const rows = await db
    .select()
    .from(statusPageSubscribers)
    .where(eq(statusPageSubscribers.pageId, pageId))
    .orderBy(asc(statusPageSubscribers.createdAt), asc(statusPageSubscribers.id));
  const names = new Map(
    (
      await db
        .select({ id: statusPageComponents.id, name: statusPageComponents.name })
        .from(statusPageComponents)
        .where(eq(statusPageComponents.pageId, pageId))
    ).map((component) => [component.id, component.name]),
  );
  const hooks = await db
    .select()
    .from(statusWebhookSubscribers)
    .where(eq(statusWebhookSubscribers.pageId, pageId))
    .orderBy(asc(statusWebhookSubscribers.createdAt), asc(statusWebhookSubscribers.id));
  const subscribers: SubscriberView[] = rows.map((row) => ({
    id: row.id,
    type: "email" as const,
    email: row.email,
    address: row.email,
    status: row.status as SubscriberView["status"],
    // A component deleted since is simply no longer among their choices.
    components: row.componentIds?.flatMap((id) => names.get(id) ?? []) ?? null,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
  }));
  for (const row of hooks)
    subscribers.push({
      id: row.id,
      type: row.type as HookType,
      email: null,
      address: hookAddress(row.url),
      status: row.status as SubscriberView["status"],
      components: row.componentIds?.flatMap((id) => names.get(id) ?? []) ?? null,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      unsubscribedAt: row.unsubscribedAt,
    });
  const counts = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const subscriber of subscribers) counts[subscriber.status]++;
  return { subscribers, counts };
}

const COLUMNS: CsvColumn<SubscriberView>[] = [
  { header: "email", value: (row) => row.email ?? "" },
  { header: "status", value: (row) => row.status },
  { header: "components", value: (row) => (row.components ? row.components.join("; ") : "all") },
  { header: "subscribed_at", value: (row) => row.createdAt },
  { header: "confirmed_at", value: (row) => row.confirmedAt },
  { header: "unsubscribed_at", value: (row) => row.unsubscribedAt },
  { header: "type", value: (row) => row.type },
  { header: "address", value: (row) => row.address },
];

export const subscribersCsv = (subscribers: SubscriberView[]) => toCsv(COLUMNS, subscribers);
