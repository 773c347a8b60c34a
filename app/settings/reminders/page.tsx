import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { ReminderSettingsForm } from "@/components/reminders/reminder-settings-form";
import { authorize } from "@/lib/permissions";
import { loadPage } from "@/lib/http/page-errors";
import { SEVERITIES, SEVERITY_TABLE } from "@/lib/incidents/severity";
import { getReminderSettings } from "@/lib/reminders/reminder-settings";
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
  const severities = SEVERITIES.map((level) => ({
    level,
    name: SEVERITY_TABLE[level].name,
    minutes: page.data.updateIntervalMinutes[level],
  }));
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Update reminders</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          An incident that goes longer than this without an update is flagged on the incident pages, gets a
          note on its timeline and sends <code>incident.update_overdue</code> once per silence (webhooks and
          workflows receive it). Posting an update starts the clock again.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <ReminderSettingsForm severities={severities} update={updateReminderSettingsAction} />
      </div>
    </section>
  );
}
