"use server";

import { revalidatePath } from "next/cache";
import { asActionUser } from "@/lib/auth/page-actor";
import { type ActionState, runAction, withValues } from "@/lib/http/action-state";
import { SEVERITIES } from "@/lib/incidents/severity";
import { updateReminderSettings } from "@/lib/reminders/reminder-settings";
import { reminderSettingsFromForm } from "@/lib/reminders/reminder-settings-from-form";

/** Every severity is sent: an emptied field is a severity that no longer gets reminders. */
export async function updateReminderSettingsAction(
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runAction(async () => {
    await asActionUser((db, actor) => updateReminderSettings(db, actor, reminderSettingsFromForm(form)));
  }, "Saved.");
  revalidatePath("/settings/reminders");
  if (state.status !== "error") return state;
  // The form names its fields by severity ("SEV4"), the use case by path ("updateIntervalMinutes.SEV4").
  const fieldErrors = Object.fromEntries(
    Object.entries(state.fieldErrors).map(([path, message]) => [
      path.replace(/^updateIntervalMinutes\./, ""),
      message,
    ]),
  );
  return withValues({ ...state, fieldErrors }, form, [...SEVERITIES]);
}
