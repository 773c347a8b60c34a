import { EVENT_TYPES } from "@/lib/events/event-types";

// Timeline kinds announced as `incident.<kind>` without a name in EVENT_TYPES (event-names.test.ts
// checks this list against the timeline writer, which a browser bundle cannot import).
const TIMELINE_ONLY = [
  "alert_fired",
  "alert_resolved",
  "link_marked",
  "postmortem_created",
  "postmortem_refreshed",
  "postmortem_status_changed",
  "action_item_created",
  "action_item_changed",
] as const;

/**
 * Every `event:` name a stream can carry. An EventSource only dispatches named events to listeners
 * registered for that name, so the browser subscribes to each of these.
 */
export const LIVE_EVENT_NAMES: readonly string[] = [...new Set([...EVENT_TYPES, ...TIMELINE_ONLY.map((kind) => `incident.${kind}`)])];
