"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction } from "@/lib/http/action-state";
import { SEVERITIES } from "@/lib/incidents/severity";
import { updatePostmortemSettings } from "@/lib/postmortems/postmortem-settings";

/** Every severity is sent: an unchecked box is a severity that no longer gets a postmortem automatically. */
export async function updatePostmortemSettingsAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const autoGenerate = Object.fromEntries(SEVERITIES.map((s) => [s, form.get(s) === "on"]));
  const state = await runAction(async () => {
    await asActionUser((db, actor) => updatePostmortemSettings(db, actor, { autoGenerate }));
  }, "Saved.");
  revalidatePath("/settings/postmortems");
  return state;
}
