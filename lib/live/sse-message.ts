import type { StoredEvent } from "@/lib/events/event-types";

/**
 * What a live client gets for one event: the row itself, the changed data in `data` (the event's
 * payload: a timeline entry's kind, message and id; from/to of a status, severity or role change;
 * the link; `incidentVersion` after the change when the command bumped it).
 */
export type LiveMessage = {
  id: number;
  type: string;
  incidentId: string | null;
  subjectId: string;
  actor: string;
  at: string;
  data: Record<string, unknown>;
};

export function toLiveMessage(row: StoredEvent): LiveMessage {
  return {
    id: row.id,
    type: row.type,
    incidentId: row.incidentId,
    subjectId: row.subjectId,
    actor: row.actor,
    at: row.createdAt.toISOString(),
    data: row.payload,
  };
}

const encoder = new TextEncoder();

/** One SSE message; JSON has no raw newlines, so `data` is a single line. */
export function sseEvent(row: StoredEvent): Uint8Array {
  return encoder.encode(`id: ${row.id}\nevent: ${row.type}\ndata: ${JSON.stringify(toLiveMessage(row))}\n\n`);
}

/**
 * A message with only an id dispatches nothing but sets the client's last event id (WHATWG HTML,
 * "dispatch the event", step 1): used after a late event to put the resume point back up.
 */
export const sseResumePoint = (id: number) => encoder.encode(`id: ${id}\n\n`);

/** A comment line: ignored by clients, keeps proxies from closing an idle connection. */
export const sseComment = (text: string) => encoder.encode(`: ${text}\n\n`);

export const sseRetry = (ms: number) => encoder.encode(`retry: ${ms}\n\n`);

/** The named event a client gets when its replay was cut (LIVE_MAX_REPLAY): re-read, resume from `id`. */
export const LIVE_RESET_EVENT = "stream.reset";
export const sseReset = (id: number) => encoder.encode(`id: ${id}\nevent: ${LIVE_RESET_EVENT}\ndata: {}\n\n`);
