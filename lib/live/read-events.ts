import { and, asc, eq, gt, inArray, lte, max } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events } from "@/db/events-schema";
import type { StoredEvent } from "@/lib/events/event-types";

/** The highest event id committed so far (0 on an empty table): where a fresh stream starts. */
export async function readLatestEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(events.id) }).from(events);
  return Number(row?.id ?? 0);
}

/**
 * Committed events after `afterId`, oldest first, every type and incident: the live hub needs the
 * unfiltered sequence to tell a gap (a transaction still in flight) from another incident's event.
 */
export async function readEventsAfter(db: Db, afterId: number, limit: number): Promise<StoredEvent[]> {
  return db.select().from(events).where(gt(events.id, afterId)).orderBy(asc(events.id)).limit(limit);
}

/** A replay: events in (after, upTo], oldest first, one incident's only when given (its index). */
export async function readEventRange(
  db: Db,
  range: { after: number; upTo: number; incidentId?: string; limit: number },
): Promise<StoredEvent[]> {
  const within = and(gt(events.id, range.after), lte(events.id, range.upTo));
  return db
    .select()
    .from(events)
    .where(range.incidentId === undefined ? within : and(eq(events.incidentId, range.incidentId), within))
    .orderBy(asc(events.id))
    .limit(range.limit);
}

/** Specific events by id (late commits the hub learnt of from their notification). */
export async function readEventsById(db: Db, ids: number[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  return db.select().from(events).where(inArray(events.id, ids)).orderBy(asc(events.id));
}
