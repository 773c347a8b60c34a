import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { incidentLinks, incidents } from "@/db/incidents-schema";
import type { Actor } from "@/lib/actor";
import { actorLabel } from "@/lib/actor";
import { bumpVersion, lockIncident } from "@/lib/incidents/lock-incident";
import { appendTimeline } from "@/lib/incidents/timeline-writer";

type AlertRow = typeof alerts.$inferSelect;

/** The oldest open incident linked to any alert carrying this dedup key in this scope. */
export async function findOpenIncidentForKey(
  tx: Db,
  { dedupScope, dedupKey }: { dedupScope: string; dedupKey: string },
): Promise<string | null> {
  const [row] = await tx
    .select({ id: incidents.id })
    .from(incidentLinks)
    .innerJoin(alerts, eq(alerts.id, incidentLinks.targetId))
    .innerJoin(incidents, eq(incidents.id, incidentLinks.incidentId))
    .where(
      and(
        eq(incidentLinks.type, "alert"),
        eq(alerts.dedupScope, dedupScope),
        eq(alerts.dedupKey, dedupKey),
        ne(incidents.status, "resolved"),
      ),
    )
    .orderBy(asc(incidents.createdAt), asc(incidents.id))
    .limit(1);
  return row?.id ?? null;
}

/** The open incident of the alert's own key (its scope and dedup key): a workflow's link_to_open_incident. */
export async function findOpenIncidentForAlertKey(tx: Db, alertId: string): Promise<string | null> {
  const [alert] = await tx
    .select({ dedupScope: alerts.dedupScope, dedupKey: alerts.dedupKey })
    .from(alerts)
    .where(eq(alerts.id, alertId));
  return alert ? findOpenIncidentForKey(tx, alert) : null;
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

const firedData = (alertId: string, alert: AlertRow | undefined) => ({
  alertId,
  title: alert?.title ?? null,
  value: alert?.value ?? null,
  threshold: alert?.threshold ?? null,
  severity: alert?.severity ?? null,
});

export type LinkedAlert = typeof incidentLinks.$inferSelect;

/**
 * The one way an alert is linked to an incident, whoever links it (ingest, a workflow, a person,
 * declare from an alert): the link, the incident's version and one "alert fired" entry with what is
 * known of the alert (an id from another system may be linked too; its entry names only the id).
 * Null when it was already linked: repeats in a storm are the common case and need no incident lock.
 */
export async function linkAlertToIncident(
  tx: Db,
  actor: Actor,
  incidentId: string,
  alert: AlertRow | string,
  now: Date,
): Promise<LinkedAlert | null> {
  const alertId = typeof alert === "string" ? alert : alert.id;
  const [linked] = await tx
    .select({ id: incidentLinks.id })
    .from(incidentLinks)
    .where(
      and(
        eq(incidentLinks.incidentId, incidentId),
        eq(incidentLinks.type, "alert"),
        eq(incidentLinks.targetId, alertId),
      ),
    );
  if (linked) return null;
  const row = await lockIncident(tx, incidentId);
  const [inserted] = await tx
    .insert(incidentLinks)
    .values({ incidentId, type: "alert", targetId: alertId, createdBy: actorLabel(actor), createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!inserted) return null;
  const known =
    typeof alert === "string" ? (await tx.select().from(alerts).where(eq(alerts.id, alertId)))[0] : alert;
  const { version } = await bumpVersion(tx, row, {}, now);
  await appendTimeline(
    tx,
    incidentId,
    actor,
    [{ kind: "alert_fired", data: firedData(alertId, known) }],
    now,
    { version },
  );
  return inserted;
}

/**
 * After a new alert row was stored (the caller holds the alert row's lock, so every firing of one key
 * passes here one at a time): an open incident born from this key gets the new alert row linked.
 * Declaring one when there is none is a workflow's job (an alert rule's auto-create is one), run
 * from the "alert fired" event after this commits.
 */
export async function attachAlertToIncident(
  tx: Db,
  actor: Actor,
  alert: AlertRow,
  now: Date,
): Promise<string | null> {
  const open = await findOpenIncidentForKey(tx, alert);
  if (open) await linkAlertToIncident(tx, actor, open, alert, now);
  return open;
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
