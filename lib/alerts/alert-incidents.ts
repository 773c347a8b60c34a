import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { environments } from "@/db/core-schema";
import { incidentLinks, incidents } from "@/db/incidents-schema";
import type { Actor } from "@/lib/actor";
import { actorLabel } from "@/lib/actor";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { bumpVersion, lockIncident } from "@/lib/incidents/lock-incident";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import type { NormalizedAlert } from "./schemas";

type AlertRow = typeof alerts.$inferSelect;

/** The oldest open incident linked to any alert carrying this dedup key. */
export async function findOpenIncidentForKey(tx: Db, dedupKey: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: incidents.id })
    .from(incidentLinks)
    .innerJoin(alerts, eq(alerts.id, incidentLinks.targetId))
    .innerJoin(incidents, eq(incidents.id, incidentLinks.incidentId))
    .where(
      and(eq(incidentLinks.type, "alert"), eq(alerts.dedupKey, dedupKey), ne(incidents.status, "resolved")),
    )
    .orderBy(asc(incidents.createdAt), asc(incidents.id))
    .limit(1);
  return row?.id ?? null;
}

/** Open incidents this very alert row is linked to. */
export async function openIncidentsOfAlert(tx: Db, alertId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: incidents.id })
    .from(incidentLinks)
    .innerJoin(incidents, eq(incidents.id, incidentLinks.incidentId))
    .where(
      and(
        eq(incidentLinks.type, "alert"),
        eq(incidentLinks.targetId, alertId),
        ne(incidents.status, "resolved"),
      ),
    )
    .orderBy(asc(incidents.id));
  return rows.map((r) => r.id);
}

const firedData = (alert: AlertRow) => ({
  alertId: alert.id,
  title: alert.title,
  value: alert.value,
  threshold: alert.threshold,
  severity: alert.severity,
});

/** Links the alert to the incident with an "alert fired" entry; the incident's version moves on. */
export async function linkAlertToIncident(
  tx: Db,
  actor: Actor,
  incidentId: string,
  alert: AlertRow,
  now: Date,
) {
  // Repeats of a linked alert are the common case in a storm: they need no incident lock.
  const [linked] = await tx
    .select({ id: incidentLinks.id })
    .from(incidentLinks)
    .where(
      and(
        eq(incidentLinks.incidentId, incidentId),
        eq(incidentLinks.type, "alert"),
        eq(incidentLinks.targetId, alert.id),
      ),
    );
  if (linked) return;
  const row = await lockIncident(tx, incidentId);
  const inserted = await tx
    .insert(incidentLinks)
    .values({ incidentId, type: "alert", targetId: alert.id, createdBy: actorLabel(actor), createdAt: now })
    .onConflictDoNothing()
    .returning({ id: incidentLinks.id });
  if (inserted.length === 0) return;
  const { version } = await bumpVersion(tx, row, {}, now);
  await appendTimeline(tx, incidentId, actor, [{ kind: "alert_fired", data: firedData(alert) }], now, {
    version,
  });
}

/** An incident title of the length declare accepts. */
const incidentTitle = (title: string) => (title.length >= 3 ? title : `Alert: ${title}`).slice(0, 200);

/**
 * After a firing was stored (the caller holds the alert row's lock, so every firing of one key
 * passes here one at a time): an open incident born from this key gets the alert linked; none, and
 * the caller asked for one (a rule with auto-create, later a workflow), declares one. An alert row
 * that was already linked once never declares again, so resolving its incident while the alert
 * keeps firing does not open a new one every minute.
 */
export async function attachAlertToIncident(
  tx: Db,
  actor: Actor,
  alert: AlertRow,
  request: NormalizedAlert["incident"],
  now: Date,
  created: boolean,
): Promise<string | null> {
  // A repeat was attached when its row was created; one indexed look-up keeps storms cheap.
  if (!created && !request) return (await openIncidentsOfAlert(tx, alert.id))[0] ?? null;
  const open = await findOpenIncidentForKey(tx, alert.dedupKey);
  if (open) {
    await linkAlertToIncident(tx, actor, open, alert, now);
    return open;
  }
  if (!request || !alert.service) return null;
  const [everLinked] = await tx
    .select({ id: incidentLinks.id })
    .from(incidentLinks)
    .where(and(eq(incidentLinks.type, "alert"), eq(incidentLinks.targetId, alert.id)))
    .limit(1);
  if (everLinked) return null;
  const [knownEnvironment] = await tx
    .select({ slug: environments.slug })
    .from(environments)
    .where(eq(environments.slug, alert.environment));
  if (!knownEnvironment) return null;

  const impactStartedAt = new Date(Math.min(alert.startsAt.getTime(), now.getTime()));
  const incident = await declareIncident(
    tx,
    actor,
    {
      title: incidentTitle(alert.title),
      severity: request.severity,
      services: [alert.service],
      environment: alert.environment,
      description: `Declared automatically from alert ${alert.id} (${alert.source}, dedup key \`${alert.dedupKey}\`).`,
      impactStartedAt: impactStartedAt.toISOString(),
    },
    { source: "alert", now },
  );
  await linkAlertToIncident(tx, actor, incident.id, alert, now);
  return incident.id;
}

/** "Alert … resolved" on every open incident the alert is linked to. */
export async function noteAlertResolved(tx: Db, actor: Actor, alert: AlertRow, now: Date): Promise<string[]> {
  const open = await openIncidentsOfAlert(tx, alert.id);
  for (const incidentId of open) {
    await appendTimeline(
      tx,
      incidentId,
      actor,
      [
        {
          kind: "alert_resolved",
          data: { alertId: alert.id, title: alert.title, endsAt: alert.endsAt?.toISOString() ?? null },
        },
      ],
      now,
    );
  }
  return open;
}
