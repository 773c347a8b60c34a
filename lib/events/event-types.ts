import type { events } from "@/db/schema";

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
  // Timers (reminders): emitted once per silence / per incident by the reminders job.
  "incident.update_overdue",
  "incident.response_target_missed",
  "alert.fired",
  "alert.acknowledged",
  "alert.resolved",
  "error_group.created",
  "postmortem.published",
  "action_item.overdue",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type StoredEvent = typeof events.$inferSelect;
