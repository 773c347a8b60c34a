import type { timelineEntries } from "@/db/schema";
import type { EventType } from "./event-types";
import type { NewEvent } from "./record-event";

type TimelineRow = typeof timelineEntries.$inferSelect;

// Timeline kinds whose event name is not simply `incident.<kind>`.
const RENAMED: Record<string, EventType> = {
  update: "incident.update_posted",
  action: "incident.action_posted",
  resolution: "incident.resolution_posted",
};

/** The domain events a batch of timeline entries announces (a resolve also emits `incident.resolved`). */
export function incidentEventsFromTimeline(rows: TimelineRow[]): NewEvent[] {
  return rows.flatMap((row) => {
    const payload = { ...row.data, timelineEntryId: row.id, ...(row.message ? { message: row.message } : {}) };
    const base = { incidentId: row.incidentId, subjectId: row.incidentId, actor: row.actor, createdAt: row.createdAt, payload };
    const type = RENAMED[row.kind] ?? (`incident.${row.kind}` as EventType);
    const resolved = row.kind === "status_changed" && row.data.to === "resolved";
    return [{ ...base, type }, ...(resolved ? [{ ...base, type: "incident.resolved" as const }] : [])];
  });
}
