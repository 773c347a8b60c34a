import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { incidentLinks } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import type { Status } from "@/lib/incidents/lifecycle";
import { type AlertChart, getAlertChart } from "./alert-chart";
import { type AlertView, toAlertView } from "./views";

/** The alerts an incident links to; a link whose target is not a known alert is left out. */
export async function listIncidentAlerts(db: Db, actor: Actor, incidentId: string): Promise<AlertView[]> {
  authorize(actor, "alerts.read");
  return alertsLinkedTo(db, incidentId);
}

/** The read behind listIncidentAlerts, for use cases that have checked their own permission. */
export async function alertsLinkedTo(db: Db, incidentId: string): Promise<AlertView[]> {
  const rows = await db
    .select({ alert: alerts })
    .from(incidentLinks)
    .innerJoin(alerts, eq(alerts.id, incidentLinks.targetId))
    .where(and(eq(incidentLinks.incidentId, incidentId), eq(incidentLinks.type, "alert")))
    .orderBy(asc(alerts.startsAt), asc(incidentLinks.id));
  return rows.map((r) => toAlertView(r.alert));
}

export type IncidentAlertChart = { alert: Pick<AlertView, "id" | "title" | "status">; chart: AlertChart };

/** One chart per linked alert that has a service with health data around it. */
export async function getIncidentAlertCharts(
  db: Db,
  actor: Actor,
  linked: AlertView[],
  now: Date = new Date(),
): Promise<IncidentAlertChart[]> {
  const charts = await Promise.all(
    linked.map(async (alert) => ({
      alert: { id: alert.id, title: alert.title, status: alert.status },
      chart: await getAlertChart(db, actor, alert, now),
    })),
  );
  return charts.filter((c): c is IncidentAlertChart => c.chart !== null && c.chart.points.length > 0);
}

type IncidentFacts = { status: Status; impactStartedAt: Date };
type AlertFacts = Pick<AlertView, "id" | "title" | "status" | "startsAt">;

export type AlertSuggestions = {
  /** Pre-filled, editable mitigation summary when every linked alert has resolved and the incident is still before Mitigated. */
  mitigate: { summary: string } | null;
  /** The first breach, when it is earlier than the incident's impact start and the incident is not yet measured. */
  impactStart: Date | null;
};

const OPEN_BEFORE_MITIGATION: Status[] = ["declared", "investigating"];

/**
 * What the linked alerts suggest; a suggestion only, nothing moves by itself. The impact start is
 * offered only when it is earlier: an alert that started after the current start measures a
 * symptom that showed later, not the start of the impact.
 */
export function suggestFromAlerts(incident: IncidentFacts, linked: AlertFacts[]): AlertSuggestions {
  if (linked.length === 0) return { mitigate: null, impactStart: null };
  const allResolved = linked.every((a) => a.status === "resolved");
  const mitigate =
    allResolved && OPEN_BEFORE_MITIGATION.includes(incident.status)
      ? { summary: `All linked alerts resolved: ${linked.map((a) => a.title).join("; ")}.`.slice(0, 2000) }
      : null;
  const firstBreach = firstBreachOf(linked);
  const impactStart = firstBreach.getTime() < incident.impactStartedAt.getTime() ? firstBreach : null;
  return { mitigate, impactStart };
}

export const firstBreachOf = (linked: Pick<AlertFacts, "startsAt">[]) =>
  new Date(Math.min(...linked.map((a) => a.startsAt.getTime())));
