import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices } from "@/db/incidents-schema";
import type { Severity } from "./severity";

export type IncidentSummary = {
  id: string;
  title: string;
  severity: Severity;
  status: string;
  services: string[];
};

/** What other domains need of an incident (paging, automation), without its timeline or people. */
export async function readIncidentSummary(db: Db, id: string): Promise<IncidentSummary | null> {
  const [row] = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      status: incidents.status,
    })
    .from(incidents)
    .where(eq(incidents.id, id));
  if (!row) return null;
  const services = await db
    .select({ slug: incidentServices.serviceSlug })
    .from(incidentServices)
    .where(eq(incidentServices.incidentId, id))
    .orderBy(asc(incidentServices.serviceSlug));
  return { ...row, severity: row.severity as Severity, services: services.map((s) => s.slug) };
}
