import * as postmortemRoute from "@/app/api/dashboard/incidents/[id]/postmortem/route";
import { getDb } from "@/db/client";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { call, responder } from "./harness";
import { runConsumers } from "./consumers";

// An incident declared and resolved at fixed times, and its postmortem's API, for the postmortem tests.
export const T0 = new Date("2026-03-02T10:00:00Z");
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
export const path = (id: string) => `/api/dashboard/incidents/${id}/postmortem`;
export const getPm = (id: string, as: "viewer" | "responder" = "responder") =>
  call(postmortemRoute.GET, path(id), { params: { id }, as });
export const putPm = (id: string, body: unknown, ifMatch?: string) =>
  call(postmortemRoute.PUT, path(id), {
    method: "PUT",
    params: { id },
    body,
    headers: ifMatch ? { "if-match": ifMatch } : {},
  });

export async function declare(severity = "SEV1", title = "Checkout failing with 502s") {
  const db = await getDb();
  const incident = await declareIncident(
    db,
    responder,
    {
      title,
      severity,
      services: ["checkout-api"],
      environment: "production",
      description: "Card payments fail at the last step.",
      impactStartedAt: at(-7).toISOString(),
    },
    { now: T0 },
  );
  return incident.id;
}

export async function resolveFully(id: string, resolvedAtMinute = 45) {
  const db = await getDb();
  await updateIncident(db, responder, id, { status: "investigating" }, { now: at(4) });
  await addTimelineEntry(
    db,
    responder,
    id,
    { message: "Rolled back **release 2026.03.1**", type: "action" },
    { now: at(10) },
  );
  await updateIncident(
    db,
    responder,
    id,
    { status: "mitigated", mitigationSummary: "Rolled back the release" },
    { now: at(20) },
  );
  await updateIncident(
    db,
    responder,
    id,
    { status: "resolved", resolutionSummary: "A null check was missing in the payment adapter" },
    { now: at(resolvedAtMinute) },
  );
  // The draft is the consumer's work once the resolution has committed (the workers' moment).
  await runConsumers();
}
