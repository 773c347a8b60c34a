"use server";

import { redirect } from "next/navigation";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { DECLARE_FIELDS, declareFromForm, explainEmptyFields } from "@/lib/incidents/declare-from-form";
import { declareIncidentFromAlert } from "@/lib/alerts/declare-from-alert";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { declareFromErrorGroup } from "@/lib/error-groups/declare-from-error-group";

export async function declareIncidentAction(
  _previous: ActionState<string>,
  form: FormData,
): Promise<ActionState<string>> {
  // Declare from an alert or an error group carries its ID: declared and linked in one transaction.
  const state = await runAction(() =>
    asActionUser(async (db, actor) => {
      const alertId = form.get("alertId");
      const errorGroupId = form.get("errorGroupId");
      const input = declareFromForm(form);
      if (typeof alertId === "string" && alertId)
        return (await declareIncidentFromAlert(db, actor, input, alertId, { source: "dashboard" })).id;
      if (typeof errorGroupId === "string" && errorGroupId)
        return (await declareFromErrorGroup(db, actor, input, errorGroupId)).id;
      return (await declareIncident(db, actor, input, { source: "dashboard" })).id;
    }),
  );
  if (state.status === "ok") redirect(`/incidents/${encodeURIComponent(state.data)}`);

  const refused = withValues<string>(state, form, DECLARE_FIELDS);
  if (refused.status !== "error") return refused;
  refused.fieldErrors = explainEmptyFields(refused.fieldErrors, form);
  // Several services travel under one name; keep them all so "services.N" errors can name their slug.
  refused.values = { ...refused.values, services: JSON.stringify(declareFromForm(form).services) };
  return refused;
}
