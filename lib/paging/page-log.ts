import type { Db } from "@/db/client";
import { pageLog, type pages } from "@/db/paging-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordEvent } from "@/lib/events/record-event";
import { EVENT_OF_KIND } from "@/lib/events/incident-events";
import { appendTimeline } from "@/lib/incidents/timeline-writer";

export type PageRow = typeof pages.$inferSelect;
export type PageLogKind =
  "page_triggered" | "page_notified" | "page_escalated" | "page_acknowledged" | "page_resolved";

/**
 * What happened to a page, said once: in its log (the paging panel), on its incident's timeline when
 * it has one, and as a `page.*` event for webhooks either way (the timeline announces it for an incident).
 */
export async function logPage(
  tx: Db,
  page: Pick<PageRow, "id" | "incidentId" | "alertId">,
  actor: Actor,
  entry: { kind: PageLogKind; message: string; data?: Record<string, unknown> },
  now: Date,
) {
  const data = { pageId: page.id, ...(entry.data ?? {}) };
  await tx.insert(pageLog).values({
    pageId: page.id,
    kind: entry.kind,
    actor: actorLabel(actor),
    message: entry.message,
    data,
    at: now,
  });
  if (page.incidentId) {
    await appendTimeline(
      tx,
      page.incidentId,
      actor,
      [{ kind: entry.kind, data: { ...data, message: entry.message } }],
      now,
    );
    return;
  }
  await recordEvent(tx, {
    type: EVENT_OF_KIND[entry.kind],
    subjectId: page.id,
    incidentId: null,
    payload: { ...data, alertId: page.alertId, message: entry.message },
    actor,
    createdAt: now,
  });
}
