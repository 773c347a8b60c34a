import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { validationError } from "@/lib/errors";
import { declareIncident, type DeclareOptions } from "@/lib/incidents/declare-incident";
import type { Severity } from "@/lib/incidents/severity";
import { incidentTitleFrom } from "@/lib/incidents/incident-title";
import { linkAlertToIncident } from "./alert-incidents";
import type { AlertSeverity } from "./schemas";
import type { AlertView } from "./views";
import { runTransaction } from "@/lib/db/run-transaction";

/** An alert says a threshold was crossed, not that every user is down: SEV1 stays a human call. */
export const INCIDENT_SEVERITY_FOR: Record<AlertSeverity, Severity> = {
  critical: "SEV2",
  warning: "SEV3",
  info: "SEV4",
};

/** Query parameters that open Declare pre-filled from an alert (`/incidents/new?…`). */
export function declareQueryFor(alert: AlertView): string {
  const params = new URLSearchParams({
    alert: alert.id,
    title: incidentTitleFrom(alert.title, `Alert: ${alert.title}`),
    severity: INCIDENT_SEVERITY_FOR[alert.severity],
    environment: alert.environment,
  });
  if (alert.service) params.set("service", alert.service);
  params.set("impactStartedAt", alert.startsAt.toISOString().slice(0, 16));
  return params.toString();
}

/** Declares an incident and links the alert it was created from, in one transaction. */
export async function declareIncidentFromAlert(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  alertId: string,
  options: DeclareOptions = {},
) {
  authorize(actor, "incidents.declare");
  return runTransaction(db, async (tx) => {
    const [alert] = await tx
      .select()
      .from(alerts)
      .where(eq(alerts.id, alertId.slice(0, 64)));
    if (!alert)
      throw validationError([{ path: "alertId", message: `Alert ${alertId} does not exist (any more).` }]);
    const incident = await declareIncident(tx, actor, ...measuredStart(rawInput, alert.startsAt, options));
    await linkAlertToIncident(tx, actor, incident.id, alert, options.now ?? new Date());
    return incident;
  });
}

const MINUTE = 60_000;

/**
 * The form offers the alert's start to the minute (datetime-local has no seconds). Kept as offered,
 * it is the alert's first breach: the exact start is stored and marked measured. Changed by the
 * person declaring, it is their report.
 */
function measuredStart(
  rawInput: unknown,
  startsAt: Date,
  options: DeclareOptions,
): [unknown, DeclareOptions] {
  const given = (rawInput as { impactStartedAt?: unknown } | null)?.impactStartedAt;
  const sameMinute =
    typeof given === "string" &&
    Math.floor(new Date(given).getTime() / MINUTE) === Math.floor(startsAt.getTime() / MINUTE);
  // A start a sender's clock put ahead of ours stays as typed, so declare does not refuse it as future.
  if (!sameMinute || startsAt.getTime() > (options.now ?? new Date()).getTime()) return [rawInput, options];
  return [
    { ...(rawInput as object), impactStartedAt: startsAt.toISOString() },
    { ...options, impactStartSource: "alert" },
  ];
}
