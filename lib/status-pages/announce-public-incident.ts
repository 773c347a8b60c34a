import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { EVENT_OF_KIND } from "@/lib/events/incident-events";
import { recordEvent } from "@/lib/events/record-event";
import { bumpVersion, type IncidentRow } from "@/lib/incidents/lock-incident";
import { appendTimeline } from "@/lib/incidents/timeline-writer";

export type PublicIncidentKind =
  "public_incident_created" | "public_incident_updated" | "public_incident_resolved";

/**
 * What was published, said once: on the internal incident's timeline when the public incident is
 * linked to one (its entry announces the public_incident.* event, as a page's log does), else as the
 * event alone. `incident` is the internal incident's row, locked by the caller.
 */
export async function announcePublicIncident(
  tx: Db,
  actor: Actor,
  incident: IncidentRow | null,
  kind: PublicIncidentKind,
  data: { publicIncidentId: string; pageId: string; title: string; phase: string; updateId: string },
  now: Date,
): Promise<void> {
  const message = `Published to the status page: ${data.title}${kind === "public_incident_resolved" ? " (resolved)" : ""}`;
  if (incident) {
    const { version } = await bumpVersion(tx, incident, {}, now);
    await appendTimeline(tx, incident.id, actor, [{ kind, data: { ...data, message } }], now, { version });
    return;
  }
  await recordEvent(tx, {
    type: EVENT_OF_KIND[kind],
    subjectId: data.publicIncidentId,
    incidentId: null,
    payload: { ...data, message },
    actor,
    createdAt: now,
  });
}
