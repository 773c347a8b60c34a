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

/**
 * The domain events a batch of timeline entries announces (a resolve also emits `incident.resolved`).
 * `incidentVersion` is the incident's version after the change, when the command bumped it: a live
 * page can then tell which version its forms are based on without reading the incident again.
 */
export function incidentEventsFromTimeline(rows: TimelineRow[], incidentVersion?: number): NewEvent[] {
  return rows.flatMap((row) => {
    const payload = {
      ...row.data,
      kind: row.kind,
      timelineEntryId: row.id,
      ...(row.message ? { message: row.message } : {}),
      ...(incidentVersion !== undefined ? { incidentVersion } : {}),
    };
    const base = { incidentId: row.incidentId, subjectId: row.incidentId, actor: row.actor, createdAt: row.createdAt, payload };
    const type = RENAMED[row.kind] ?? (`incident.${row.kind}` as EventType);
    return [{ ...base, type }, ...(resolves(row) ? [{ ...base, type: "incident.resolved" as const }] : [])];
  });
}

/** How many events entries not yet written will announce (incidentEventsFromTimeline's count). */
export const eventCountOf = (entries: EntryKind[]) =>
  entries.reduce((count, entry) => count + (resolves(entry) ? 2 : 1), 0);
