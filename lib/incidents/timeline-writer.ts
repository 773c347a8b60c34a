import type { Db } from "@/db/client";
import { timelineEntries } from "@/db/incidents-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { incidentEventsFromTimeline } from "@/lib/events/incident-events";
import { recordEvents } from "@/lib/events/record-event";
import type { TimelineKind } from "./timeline-kinds";

export { AUTOMATIC_KINDS, type AutomaticKind, type TimelineKind } from "./timeline-kinds";

export type PendingEntry = { kind: TimelineKind; data?: Record<string, unknown>; message?: string | null };

/**
 * Writes entries inside the caller's transaction, so a change and its record commit together, and
 * records the domain events they announce (outbox, consumers, live pages) in the same transaction.
 * `version` is the incident's version after the command (from bumpVersion), carried by the events.
 */
export async function appendTimeline(
  tx: Db,
  incidentId: string,
  actor: Actor,
  entries: PendingEntry[],
  now: Date,
  options: { version?: number } = {},
) {
  if (entries.length === 0) return [];
  const rows = await timelineInsert(tx, incidentId, actor, entries, now);
  await announceTimeline(tx, rows, options.version);
  return rows;
}

function timelineInsert(tx: Db, incidentId: string, actor: Actor, entries: PendingEntry[], now: Date) {
  return tx
    .insert(timelineEntries)
    .values(
      entries.map((entry) => ({
        incidentId,
        kind: entry.kind,
        actor: actorLabel(actor),
        actorUserId: actorUserId(actor),
        message: entry.message ?? null,
        data: entry.data ?? {},
        createdAt: now,
      })),
    )
    .returning();
}

/**
 * The events of entries written by `timelineInsert`: every timeline write goes through here.
 * `version` is the incident's version after the command, carried by the events.
 */
export async function announceTimeline(
  tx: Db,
  rows: (typeof timelineEntries.$inferSelect)[],
  version?: number,
) {
  await recordEvents(tx, incidentEventsFromTimeline(rows, version));
}
