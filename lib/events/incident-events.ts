import type { timelineEntries } from "@/db/schema";
import type { EventType } from "./event-types";
import type { NewEvent } from "./record-event";

type TimelineRow = typeof timelineEntries.$inferSelect;
type EntryKind = { kind: string; data?: Record<string, unknown> | null };

const resolves = (entry: EntryKind) => entry.kind === "status_changed" && entry.data?.to === "resolved";

// Timeline kinds whose event name is not simply `incident.<kind>`.
const RENAMED: Record<string, EventType> = {
  update: "incident.update_posted",
  action: "incident.action_posted",
  resolution: "incident.resolution_posted",
};

/** An entry as its events see it: written, or about to be with this id. */
type AnnouncedEntry = EntryKind & { id: number; message?: string | null };

/**
 * The type and payload of the events one timeline entry announces (a resolve also emits
 * `incident.resolved`). `incidentVersion` is the incident's version after the change, when the command
 * bumped it: a live page can then tell which version its forms are based on without reading the incident again.
 */
export function eventsOfEntry(
  entry: AnnouncedEntry,
  incidentVersion?: number,
): Pick<NewEvent, "type" | "payload">[] {
  const payload = {
    ...entry.data,
    kind: entry.kind,
    timelineEntryId: entry.id,
    ...(entry.message ? { message: entry.message } : {}),
    ...(incidentVersion !== undefined ? { incidentVersion } : {}),
  };
  const type = RENAMED[entry.kind] ?? (`incident.${entry.kind}` as EventType);
  return [{ type, payload }, ...(resolves(entry) ? [{ type: "incident.resolved" as const, payload }] : [])];
}

/** The domain events a batch of written timeline entries announces. */
export function incidentEventsFromTimeline(rows: TimelineRow[], incidentVersion?: number): NewEvent[] {
  return rows.flatMap((row) =>
    eventsOfEntry(row, incidentVersion).map((event) => ({
      ...event,
      incidentId: row.incidentId,
      subjectId: row.incidentId,
      actor: row.actor,
      createdAt: row.createdAt,
    })),
  );
}
