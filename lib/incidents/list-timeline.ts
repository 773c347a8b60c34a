import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, timelineEntries } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { assertIncidentIdShape } from "./lock-incident";
import type { TimelineEntryView } from "./views";

export function toTimelineView(row: typeof timelineEntries.$inferSelect): TimelineEntryView {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind,
    actor: row.actor,
    message: row.message,
    data: row.data,
    createdAt: row.createdAt,
  };
}

/**
 * Oldest first, in the order the changes were committed: entries are written under the incident's
 * row lock, so their serial ids follow that order (and their times with it).
 */
export async function listTimeline(db: Db, actor: Actor, incidentId: string): Promise<TimelineEntryView[]> {
  authorize(actor, "incidents.read");
  assertIncidentIdShape(incidentId);
  const [exists] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId));
  if (!exists) throw notFound(`Incident ${incidentId}`);
  const rows = await db
    .select()
    .from(timelineEntries)
    .where(eq(timelineEntries.incidentId, incidentId))
    .orderBy(asc(timelineEntries.id));
  return rows.map(toTimelineView);
}
