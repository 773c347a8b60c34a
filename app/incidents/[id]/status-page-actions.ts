"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { postPublicUpdate } from "@/lib/status-pages/post-public-update";
import { publishPublicIncident } from "@/lib/status-pages/publish-public-incident";

const text = (form: FormData, key: string) => String(form.get(key) ?? "");

/** The component selects (`component:<id>`): "" leaves a component out of the update. */
function componentsOf(form: FormData) {
  return [...form.entries()].flatMap(([key, value]) =>
    key.startsWith("component:") && value !== ""
      ? [{ componentId: key.slice("component:".length), status: String(value) }]
      : [],
  );
}

function refreshed(form: FormData, state: ActionState): ActionState {
  revalidatePath(`/incidents/${text(form, "incidentId")}`);
  return withValues(state, form, ["title", "body", "phase"]);
}

/** The incident page's composer: a public incident linked to this incident (its timeline records it). */
export async function publishPublicIncidentAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      publishPublicIncident(db, actor, text(form, "pageId"), {
        title: form.get("title"),
        body: form.get("body"),
        phase: form.get("phase") ?? undefined,
        components: componentsOf(form),
        incidentId: text(form, "incidentId"),
      }),
    );
  }, "Published to the status page.");
  return refreshed(form, state);
}

export async function postPublicUpdateAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) =>
      postPublicUpdate(db, actor, text(form, "pageId"), text(form, "publicIncidentId"), {
        phase: form.get("phase"),
        body: form.get("body"),
        components: componentsOf(form),
      }),
    );
  }, "Public update posted.");
  return refreshed(form, state);
}
