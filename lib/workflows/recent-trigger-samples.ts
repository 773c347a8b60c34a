import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { errorGroups } from "@/db/errors-schema";
import { incidents, incidentServices } from "@/db/incidents-schema";
import { type Trigger, type WorkflowEvent } from "./schemas";
import { alertSubject, errorGroupSubject } from "./workflow-subjects";

export type TriggerSample = { key: string; label: string; at: Date; subject: WorkflowEvent["subject"] };

/**
 * The most recent things a trigger would have fired for, as workflow subjects, for the editor's
 * "test against the last 50" preview: alerts that fired (or, for alert_resolved, that resolved),
 * error groups by creation, or incidents by declaration, newest first.
 */
export async function recentTriggerSamples(
  db: Db,
  trigger: Trigger,
  limit: number,
): Promise<TriggerSample[]> {
  if (trigger === "alert_fired") {
    const rows = await db.select().from(alerts).orderBy(desc(alerts.startsAt), desc(alerts.id)).limit(limit);
    return rows.map((row) => ({
      key: row.id,
      label: `${row.severity} ${row.service ?? "no service"}: ${row.title}`,
      at: row.startsAt,
      subject: alertSubject(row),
    }));
  }
  if (trigger === "alert_resolved") {
    const rows = await db
      .select()
      .from(alerts)
      .where(eq(alerts.status, "resolved"))
      .orderBy(desc(alerts.endsAt), desc(alerts.id))
      .limit(limit);
    return rows.map((row) => ({
      key: row.id,
      label: `${row.severity} ${row.service ?? "no service"}: ${row.title}`,
      at: row.endsAt ?? row.lastSeenAt,
      subject: alertSubject(row),
    }));
  }
  if (trigger === "error_group_created") {
    const rows = await db
      .select()
      .from(errorGroups)
      .orderBy(desc(errorGroups.createdAt), desc(errorGroups.id))
      .limit(limit);
    return rows.map((row) => ({
      key: row.id,
      label: `${row.service}: ${row.title}`,
      at: row.createdAt,
      subject: errorGroupSubject(row),
    }));
  }
  const rows = await db
    .select()
    .from(incidents)
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(incidentServices)
    .where(
      inArray(
        incidentServices.incidentId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map((row) => ({
    key: row.id,
    label: `${row.id} ${row.severity} ${row.status}: ${row.title}`,
    at: row.createdAt,
    subject: {
      severity: row.severity,
      service: links
        .filter((link) => link.incidentId === row.id)
        .map((link) => link.serviceSlug)
        .sort(),
      environment: row.environment,
      source: row.source,
      title: row.title,
      labels: {},
      incidentId: row.id,
    },
  }));
}
