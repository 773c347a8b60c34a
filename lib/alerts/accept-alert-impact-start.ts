import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError, notFound } from "@/lib/errors";
import { incidentExists } from "@/lib/incidents/incident-exists";
import { updateIncident, type UpdateOptions } from "@/lib/incidents/update-incident";
import { alertsLinkedTo, firstBreachOf } from "./incident-alerts";

/**
 * Accepts the linked alerts' first breach as the incident's impact start. The time is computed here,
 * not sent by the page, so "measured" always means measured; it goes through updateIncident, which
 * writes impact_start_changed on the timeline and refuses a stale version.
 */
export async function acceptAlertImpactStart(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: Omit<UpdateOptions, "impactStartSource"> = {},
) {
  authorize(actor, "incidents.update");
  if (!(await incidentExists(db, incidentId))) throw notFound(`Incident ${incidentId}`);
  const linked = await alertsLinkedTo(db, incidentId);
  if (linked.length === 0)
    throw new DomainError(
      "conflict",
      `Incident ${incidentId} has no linked alerts to measure its impact start from.`,
    );
  return updateIncident(
    db,
    actor,
    incidentId,
    { impactStartedAt: firstBreachOf(linked).toISOString() },
    { ...options, impactStartSource: "alert" },
  );
}
