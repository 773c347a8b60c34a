import { EVENT_TYPES } from "@/lib/events/event-types";
import { AUTOMATIC_KINDS } from "@/lib/incidents/timeline-kinds";

/**
 * Every `event:` name a stream can carry: the known event types, and `incident.<kind>` for each
 * automatic timeline kind (announced under its own name when EVENT_TYPES has none for it). An
 * EventSource only dispatches named events to listeners registered for that name, so the browser
 * subscribes to each of these.
 */
export const LIVE_EVENT_NAMES: readonly string[] = [
  ...new Set([...EVENT_TYPES, ...AUTOMATIC_KINDS.map((kind) => `incident.${kind}`)]),
];
