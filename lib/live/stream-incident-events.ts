import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { incidentExists } from "@/lib/incidents/incident-exists";
import { notFound } from "@/lib/errors";
import { liveStreamOwner, openEventStream, readLastEventId } from "./event-stream";

/**
 * One incident's changes as Server-Sent Events (the detail page). Who may read and whether the
 * incident exists are settled before the stream starts, so those answers are plain problem+json.
 */
export async function streamIncidentEvents(
  db: Db,
  actor: Actor,
  incidentId: string,
  request: Request,
): Promise<Response> {
  authorize(actor, "incidents.read");
  const lastEventId = readLastEventId(request);
  if (!(await incidentExists(db, incidentId))) throw notFound(`Incident ${incidentId}`);
  return openEventStream(db, {
    request,
    owner: liveStreamOwner(actor),
    lastEventId,
    incidentId,
    accepts: (event) => event.incidentId === incidentId,
  });
}
