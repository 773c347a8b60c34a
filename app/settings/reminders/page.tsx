import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { ReminderSettingsForm } from "@/components/reminders/reminder-settings-form";
import { SettingsFormPage } from "@/components/settings/settings-page";
import { authorize } from "@/lib/permissions";
import { loadPage } from "@/lib/http/page-errors";
import { getReminderSettings, MAX_UPDATE_INTERVAL_MINUTES } from "@/lib/reminders/reminder-settings";
import { updateReminderSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Reminder settings" };

export default async function ReminderSettingsPage() {
  const page = await loadPage("/settings/reminders", async (db, actor) => {
    authorize(actor, "settings.manage");
    return getReminderSettings(db, actor);
  });
  if (!page.allowed)
    return (
      <NotAllowed role={page.role} message={page.message}>
        Only admins change how often incidents need an update.
      </NotAllowed>
    );
  return (
    <SettingsFormPage
      title="Update reminders"
      description={
        <>
          An incident that goes longer than this without an update is flagged on the incident pages, gets a
          note on its timeline and sends <code>incident.update_overdue</code> once per silence (webhooks and
          workflows receive it). Posting an update starts the clock again.
        </>
      }
    >
      <ReminderSettingsForm
        minutes={page.data.updateIntervalMinutes}
        maxMinutes={MAX_UPDATE_INTERVAL_MINUTES}
        update={updateReminderSettingsAction}
      />
    </SettingsFormPage>
  );
}
