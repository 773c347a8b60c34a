import type { timelineEntries } from "@/db/incidents-schema";
import { isTimelineKind, type TimelineKind } from "@/lib/incidents/timeline-kinds";
import type { EventType } from "./event-types";
import type { NewEvent } from "./record-event";

type TimelineRow = typeof timelineEntries.$inferSelect;
type EntryKind = { kind: string; data?: Record<string, unknown> | null };

const resolves = (entry: EntryKind) => entry.kind === "status_changed" && entry.data?.to === "resolved";

/** The event each timeline kind announces: a kind added to the timeline must name its event here. */
export const EVENT_OF_KIND: Record<TimelineKind, EventType> = {
  declared: "incident.declared",
  status_changed: "incident.status_changed",
  severity_changed: "incident.severity_changed",
  commander_changed: "incident.commander_changed",
  role_changed: "incident.role_changed",
  service_added: "incident.service_added",
  service_removed: "incident.service_removed",
  environment_changed: "incident.environment_changed",
  details_changed: "incident.details_changed",
  impact_start_changed: "incident.impact_start_changed",
  link_added: "incident.link_added",
  link_removed: "incident.link_removed",
  link_marked: "incident.link_marked",
  alert_fired: "incident.alert_fired",
  alert_resolved: "incident.alert_resolved",
  postmortem_created: "incident.postmortem_created",
  postmortem_refreshed: "incident.postmortem_refreshed",
  postmortem_status_changed: "incident.postmortem_status_changed",
  action_item_created: "incident.action_item_created",
  action_item_changed: "incident.action_item_changed",
  update_overdue: "incident.update_overdue",
  response_target_missed: "incident.response_target_missed",
  page_triggered: "page.triggered",
  page_notified: "page.notified",
  page_escalated: "page.escalated",
  page_acknowledged: "page.acknowledged",
  page_resolved: "page.resolved",
  public_incident_created: "public_incident.created",
  public_incident_updated: "public_incident.updated",
  public_incident_resolved: "public_incident.resolved",
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
  if (!isTimelineKind(entry.kind)) throw new Error(`Timeline kind "${entry.kind}" announces no event.`);
  const type = EVENT_OF_KIND[entry.kind];
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
