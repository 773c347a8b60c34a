"use server";

import { revalidatePath } from "next/cache";
import { createAlertRule } from "@/lib/alerts/alert-rules";
import { updateAlertRule } from "@/lib/alerts/change-alert-rule";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";

const FIELDS = [
  "name",
  "service",
  "environment",
  "metric",
  "comparator",
  "threshold",
  "forSeconds",
  "severity",
  "autoCreateIncident",
  "incidentSeverity",
];
const text = (form: FormData, key: string) =>
  typeof form.get(key) === "string" ? String(form.get(key)).trim() : "";
// An empty or non-numeric box reaches the schema as a string, which it refuses with a field message.
const number = (value: string) => (value !== "" && Number.isFinite(Number(value)) ? Number(value) : value);

function toInput(form: FormData) {
  const autoCreateIncident = form.get("autoCreateIncident") === "on";
  return {
    name: text(form, "name"),
    service: text(form, "service"),
    environment: text(form, "environment"),
    metric: text(form, "metric"),
    comparator: text(form, "comparator"),
    threshold: number(text(form, "threshold")),
    forSeconds: number(text(form, "forSeconds")),
    severity: text(form, "severity"),
    autoCreateIncident,
    incidentSeverity: autoCreateIncident ? text(form, "incidentSeverity") || null : null,
  };
}

export async function createAlertRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) => createAlertRule(db, actor, toInput(form)));
  }, "Rule created.");
  if (state.status === "ok") revalidatePath("/alerts/rules");
  return withValues(state, form, FIELDS);
}

export async function updateAlertRuleAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    const version = Number(text(form, "version"));
    await asActionUser((db, actor) =>
      updateAlertRule(db, actor, text(form, "id"), toInput(form), {
        expectedVersion: Number.isInteger(version) && version > 0 ? version : undefined,
      }),
    );
  }, "Rule saved.");
  revalidatePath("/alerts/rules");
  return withValues(state, form, FIELDS);
}

export async function setAlertRuleEnabledAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const enabled = text(form, "enabled") === "true";
  const state = await runAction(
    async () => {
      await asActionUser((db, actor) => updateAlertRule(db, actor, text(form, "id"), { enabled }));
    },
    enabled ? "Rule enabled." : "Rule disabled.",
  );
  revalidatePath("/alerts/rules");
  return state;
}
