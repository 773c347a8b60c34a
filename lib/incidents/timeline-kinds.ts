// The timeline's kinds, without database imports: the browser's live stream listens for one event name per kind.
export const AUTOMATIC_KINDS = [
  "declared",
  "status_changed",
  "severity_changed",
  "commander_changed",
  "role_changed",
  "service_added",
  "service_removed",
  "environment_changed",
  "details_changed",
  "impact_start_changed",
  "link_added",
  "link_removed",
  "alert_fired",
  "alert_resolved",
  "link_marked",
  "postmortem_created",
  "postmortem_refreshed",
  "postmortem_status_changed",
  "action_item_created",
  "action_item_changed",
  // Reminders (lib/reminders): system notes, never a manual update; each also announces its event.
  "update_overdue",
  "response_target_missed",
  // Paging (lib/paging): the incident's page and who was asked to answer it.
  "page_triggered",
  "page_notified",
  "page_escalated",
  "page_acknowledged",
  "page_resolved",
  // Status pages (lib/status-pages): what was published to customers about this incident.
  "public_incident_created",
  "public_incident_updated",
  "public_incident_resolved",
] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];
export type TimelineKind = AutomaticKind | "update" | "action" | "resolution";

const KINDS: ReadonlySet<string> = new Set([...AUTOMATIC_KINDS, "update", "action", "resolution"]);
/** Narrows a stored entry's kind (a text column) to the timeline's kinds. */
export const isTimelineKind = (kind: string): kind is TimelineKind => KINDS.has(kind);
