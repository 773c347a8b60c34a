"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { acceptAlertImpactStart } from "@/lib/alerts/accept-alert-impact-start";
import { addLink } from "@/lib/incidents/add-link";
import { addTimelineEntry } from "@/lib/incidents/add-timeline-entry";
import { patchFromForm } from "@/lib/incidents/patch-from-form";
import { markLink } from "@/lib/incidents/mark-link";
import { removeLink } from "@/lib/incidents/remove-link";
import { updateIncident } from "@/lib/incidents/update-incident";

const idOf = (form: FormData) => String(form.get("incidentId") ?? "");

// Every action re-renders the incident, also after a refusal: a stale page then shows the fresh state
// beside the conflict message instead of keeping the old one.
function refreshed<T>(form: FormData, state: ActionState<T>, keep: string[] = []): ActionState<T> {
  revalidatePath(`/incidents/${idOf(form)}`);
  revalidatePath("/incidents");
  return withValues(state, form, keep);
}

/** Status, severity, people, services, details: whatever fields the form carries, checked against its version. */
export async function updateIncidentAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    const { patch, expectedVersion } = patchFromForm(form);
    await asActionUser((db, actor) => updateIncident(db, actor, idOf(form), patch, { expectedVersion }));
  }, "Saved.");
  return refreshed(form, state, ["title", "description", "mitigationSummary", "resolutionSummary"]);
}

export async function addUpdateAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      addTimelineEntry(db, actor, idOf(form), { type: form.get("type"), message: form.get("message") }),
    );
  }, "Update posted.");
  return refreshed(form, state, ["message", "type"]);
}

export async function addLinkAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      addLink(db, actor, idOf(form), { type: form.get("type"), targetId: form.get("targetId") }),
    );
  }, "Linked.");
  return refreshed(form, state, ["type", "targetId"]);
}

/** Marks a linked release; the pressed button's `role` is "suspected_cause", "fix" or "" (clear). */
export async function markLinkAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    const role = form.get("role");
    await asActionUser((db, actor) =>
      markLink(db, actor, idOf(form), {
        type: form.get("type"),
        targetId: form.get("targetId"),
        role: role === "" ? null : role,
      }),
    );
  }, "Marked.");
  return refreshed(form, state);
}

export async function removeLinkAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      removeLink(db, actor, idOf(form), { type: form.get("type"), targetId: form.get("targetId") }),
    );
  }, "Unlinked.");
  return refreshed(form, state);
}

/** The linked alerts' first breach becomes the impact start (measured); the time is computed on the server. */
export async function acceptAlertImpactStartAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(async () => {
    const { expectedVersion } = patchFromForm(form);
    await asActionUser((db, actor) => acceptAlertImpactStart(db, actor, idOf(form), { expectedVersion }));
  }, "Impact start set from the alerts.");
  return refreshed(form, state);
}
