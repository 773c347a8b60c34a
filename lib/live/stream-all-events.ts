import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { liveStreamOwner, openEventStream, readLastEventId } from "./event-stream";

/** The aggregates a client may narrow the stream to (`?types=incident,alert`): the part before the dot. */
export const EVENT_AGGREGATES = [...new Set(EVENT_TYPES.map((type) => type.split(".")[0]))];

export function parseAggregates(raw: string | null): Set<string> | null {
  if (raw === null || raw.trim() === "") return null;
  const wanted = raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = wanted.filter((part) => !EVENT_AGGREGATES.includes(part));
  if (unknown.length)
    throw validationError([
      {
        path: "types",
        message: `Unknown event group ${unknown.join(", ")}; use ${EVENT_AGGREGATES.join(", ")}.`,
      },
    ]);
  return new Set(wanted);
}

/** Every incident's changes (and, unless narrowed by `types`, every other domain event) as SSE: the list pages. */
export async function streamAllEvents(db: Db, actor: Actor, request: Request): Promise<Response> {
  authorize(actor, "incidents.read");
  const lastEventId = readLastEventId(request);
  const aggregates = parseAggregates(new URL(request.url).searchParams.get("types"));
  return openEventStream(db, {
    request,
    owner: liveStreamOwner(actor),
    lastEventId,
    accepts: (event) => !aggregates || aggregates.has(event.type.split(".")[0]),
  });
}
