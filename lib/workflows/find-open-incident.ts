import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices } from "@/db/incidents-schema";
import { workflowRuns } from "@/db/workflows-schema";
import { findOpenIncidentForAlertKey } from "@/lib/alerts/alert-incidents";

export type OpenIncidentMatch = { incidentId: string; by: string };

/**
 * The incident an event belongs to, for link_to_open_incident: first the open (not resolved) incident
 * linked to an alert with the same dedup key in the same scope (whoever linked it) for a stored alert,
 * or, for events that are not stored alerts, the one an earlier workflow run with that key and source
 * reached; then the newest open incident of one of the event's services. Keys are never compared
 * across scopes: a PagerDuty key "rule:<id>" is not that rule's key (lib/alerts/dedup-scope.ts).
 */
export async function findOpenIncident(
  db: Db,
  subject: { dedupKey?: string | null; alertId?: string | null; source?: string | null; services: string[] },
): Promise<OpenIncidentMatch | null> {
  if (subject.dedupKey) {
    if (subject.alertId) {
      // A stored alert's key is looked up in its own scope only; another sender's runs say nothing.
      const linked = await findOpenIncidentForAlertKey(db, subject.alertId);
      if (linked) return { incidentId: linked, by: `alert with dedup key ${subject.dedupKey}` };
    } else {
      const [row] = await db
        .select({ incidentId: incidents.id })
        .from(workflowRuns)
        .innerJoin(incidents, eq(incidents.id, workflowRuns.incidentId))
        .where(
          and(
            sql`${workflowRuns.event} -> 'subject' ->> 'dedupKey' = ${subject.dedupKey}`,
            sql`(${workflowRuns.event} -> 'subject' ->> 'source') is not distinct from ${subject.source ?? null}`,
            ne(incidents.status, "resolved"),
          ),
        )
        .orderBy(desc(workflowRuns.id))
        .limit(1);
      if (row) return { incidentId: row.incidentId, by: `same dedup key ${subject.dedupKey}` };
    }
  }
  if (subject.services.length > 0) {
    const [row] = await db
      .select({ incidentId: incidents.id, service: incidentServices.serviceSlug })
      .from(incidents)
      .innerJoin(incidentServices, eq(incidentServices.incidentId, incidents.id))
      .where(and(inArray(incidentServices.serviceSlug, subject.services), ne(incidents.status, "resolved")))
      .orderBy(desc(incidents.createdAt), desc(incidents.id))
      .limit(1);
    if (row) return { incidentId: row.incidentId, by: `same service ${row.service}` };
  }
  return null;
}
