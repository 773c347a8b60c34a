import type { Db } from "@/db/client";
import { pageLog, type pages } from "@/db/paging-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordEvents } from "@/lib/events/record-event";
import { EVENT_OF_KIND } from "@/lib/events/incident-events";
import { appendTimeline } from "@/lib/incidents/timeline-writer";

export type PageRow = typeof pages.$inferSelect;
export type PageLogKind =
  "page_triggered" | "page_notified" | "page_escalated" | "page_acknowledged" | "page_resolved";

export type PageLogEntry = {
  page: Pick<PageRow, "id" | "incidentId" | "alertId">;
  kind: PageLogKind;
  message: string;
  data?: Record<string, unknown>;
};

/**
 * What happened to a page, said once: in its log (the paging panel), on its incident's timeline when
 * it has one, and as a `page.*` event for webhooks either way (the timeline announces it for an incident).
 */
export async function logPage(
  tx: Db,
  page: PageLogEntry["page"],
  actor: Actor,
  entry: Omit<PageLogEntry, "page">,
  now: Date,
) {
  await logPages(tx, actor, [{ page, ...entry }], now);
}

/**
 * logPage for many entries (of many pages) in one statement per table: the log, the timeline of each
 * incident concerned, the events of alert pages. Entries keep their order within each.
 */
export async function logPages(tx: Db, actor: Actor, entries: PageLogEntry[], now: Date) {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({ entry, data: { pageId: entry.page.id, ...(entry.data ?? {}) } }));
  await tx.insert(pageLog).values(
    rows.map(({ entry, data }) => ({
      pageId: entry.page.id,
      kind: entry.kind,
      actor: actorLabel(actor),
      message: entry.message,
      data,
      at: now,
    })),
  );
  const byIncident = new Map<string, typeof rows>();
  for (const row of rows) {
    const incidentId = row.entry.page.incidentId;
    if (incidentId) byIncident.set(incidentId, [...(byIncident.get(incidentId) ?? []), row]);
  }
  for (const [incidentId, ofIncident] of byIncident)
    await appendTimeline(
      tx,
      incidentId,
      actor,
      ofIncident.map(({ entry, data }) => ({ kind: entry.kind, data: { ...data, message: entry.message } })),
      now,
    );
  await recordEvents(
    tx,
    rows
      .filter(({ entry }) => !entry.page.incidentId)
      .map(({ entry, data }) => ({
        type: EVENT_OF_KIND[entry.kind],
        subjectId: entry.page.id,
        incidentId: null,
        payload: { ...data, alertId: entry.page.alertId, message: entry.message },
        actor,
        createdAt: now,
      })),
  );
}
