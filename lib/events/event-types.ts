import type { events } from "@/db/events-schema";

/** Known event types. Features add theirs here (`<aggregate>.<past-tense verb>`). */
export const EVENT_TYPES = [
  "incident.declared",
  "incident.status_changed",
  "incident.resolved",
  "incident.severity_changed",
  "incident.commander_changed",
  "incident.role_changed",
  "incident.update_posted",
  "incident.action_posted",
  "incident.resolution_posted",
  "incident.service_added",
  "incident.service_removed",
  "incident.environment_changed",
  "incident.details_changed",
  "incident.impact_start_changed",
  "incident.link_added",
  "incident.link_removed",
  "incident.link_marked",
  "incident.alert_fired",
  "incident.alert_resolved",
  "incident.postmortem_created",
  "incident.postmortem_refreshed",
  "incident.postmortem_status_changed",
  "incident.action_item_created",
  "incident.action_item_changed",
  // Timers (reminders): emitted once per silence / per incident by the reminders job.
  "incident.update_overdue",
  "incident.response_target_missed",
  "alert.fired",
  "alert.acknowledged",
  "alert.resolved",
  "error_group.created",
  "postmortem.published",
  "action_item.overdue",
  // Paging (lib/paging): an incident's page also writes its timeline; an alert's page only these.
  "page.triggered",
  "page.notified",
  "page.escalated",
  "page.acknowledged",
  "page.resolved",
  // Status pages (lib/status-pages): a linked public incident also writes its incident's timeline.
  "public_incident.created",
  "public_incident.updated",
  "public_incident.resolved",
  // Scheduled maintenance (lib/status-pages/*-maintenance.ts); reminder_due when its reminder time comes.
  "maintenance.scheduled",
  "maintenance.reminder_due",
  "maintenance.started",
  "maintenance.completed",
  "maintenance.cancelled",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Narrows a stored event's type (a text column) to the list. */
export const isEventType = (type: string): type is EventType => KNOWN.has(type);

export type StoredEvent = typeof events.$inferSelect;
