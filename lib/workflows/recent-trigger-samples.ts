import { desc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices } from "@/db/schema";
import { INCIDENT_TRIGGERS, type Trigger, type WorkflowEvent } from "./schemas";

export type TriggerSample = { key: string; label: string; at: Date; subject: WorkflowEvent["subject"] };

/**
 * The most recent things a trigger would have fired for, as workflow subjects, for the editor's
 * "test against the last 50" preview. Incident triggers read incidents. Alerts and error groups are
 * stored by their own modules: their triggers answer from those tables once they exist, here.
 */
export async function recentTriggerSamples(db: Db, trigger: Trigger, limit: number): Promise<TriggerSample[]> {
  if (!INCIDENT_TRIGGERS.includes(trigger)) return [];
  const rows = await db.select().from(incidents).orderBy(desc(incidents.createdAt), desc(incidents.id)).limit(limit);
  if (rows.length === 0) return [];
  const links = await db.select().from(incidentServices).where(inArray(incidentServices.incidentId, rows.map((row) => row.id)));
  return rows.map((row) => ({
    key: row.id,
    label: `${row.id} ${row.severity} ${row.status}: ${row.title}`,
    at: row.createdAt,
    subject: {
      severity: row.severity,
      service: links.filter((link) => link.incidentId === row.id).map((link) => link.serviceSlug).sort(),
      environment: row.environment,
      source: row.source,
      title: row.title,
      labels: {},
      incidentId: row.id,
    },
  }));
}
