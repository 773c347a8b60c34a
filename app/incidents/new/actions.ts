"use server";

import { redirect } from "next/navigation";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { declareIncidentFromAlert } from "@/lib/alerts/declare-from-alert";
import { declareIncident } from "@/lib/incidents/declare-incident";

const FIELDS = ["title", "severity", "services", "environment", "description", "commanderId", "impactStartedAt"];

// The schema's messages are written for API clients; an empty form control deserves plainer words.
const WHEN_EMPTY: Record<string, string> = {
  title: "Give the incident a short title that says what is broken.",
  severity: "Choose a severity.",
  environment: "Choose an environment.",
};

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/** A datetime-local value has no zone; the label promises UTC, so it is read as UTC. */
function utcIso(local: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/.exec(local.trim());
  return match ? `${match[1]}${match[2] ?? ":00"}Z` : local;
}

function toInput(form: FormData) {
  const commanderId = text(form, "commanderId");
  const impactStartedAt = text(form, "impactStartedAt").trim();
  const description = text(form, "description");
  return {
    title: text(form, "title"),
    severity: text(form, "severity") || undefined,
    services: form.getAll("services").filter((value): value is string => typeof value === "string"),
    environment: text(form, "environment"),
    description: description.trim() ? description : undefined,
    commanderId: commanderId || undefined,
    impactStartedAt: impactStartedAt ? utcIso(impactStartedAt) : undefined,
  };
}

export async function declareIncidentAction(_previous: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const state = await runAction(() =>
    asActionUser(async (db, actor) => {
      const alertId = text(form, "alertId");
      const incident = alertId
        ? await declareIncidentFromAlert(db, actor, toInput(form), alertId, { source: "dashboard" })
        : await declareIncident(db, actor, toInput(form), { source: "dashboard" });
      return incident.id;
    }),
  );
  if (state.status === "ok") redirect(`/incidents/${encodeURIComponent(state.data)}`);

  const refused = withValues<string>(state, form, FIELDS);
  if (refused.status !== "error") return refused;
  for (const [field, message] of Object.entries(WHEN_EMPTY)) {
    if (refused.fieldErrors[field] && !text(form, field).trim()) refused.fieldErrors[field] = message;
  }
  // Several services travel under one name; keep them all so "services.N" errors can name their slug.
  refused.values = { ...refused.values, services: JSON.stringify(toInput(form).services) };
  return refused;
}
