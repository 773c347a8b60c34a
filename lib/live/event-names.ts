import { EVENT_TYPES } from "@/lib/events/event-types";

/**
 * Every `event:` name a stream can carry: the known event types (every timeline kind names its own in
 * lib/events/incident-events.ts). An EventSource only dispatches named events to listeners registered
 * for that name, so the browser subscribes to each of these.
 */
export const LIVE_EVENT_NAMES: readonly string[] = EVENT_TYPES;
