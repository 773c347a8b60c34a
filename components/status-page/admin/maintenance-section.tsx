import { inZone } from "@/lib/status-pages/zoned-local-time";
import type { MaintenanceView } from "@/lib/status-pages/maintenance-schemas";
import type { FormAction } from "@/lib/http/action-state";
import { SettingsForm } from "./settings-form";

const STATE_LABELS: Record<MaintenanceView["state"], string> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};

/**
 * The page's scheduled maintenance on its settings view: the schedule form (times in the page's zone,
 * as its readers see them) and the list, each open one with its cancel or end-now button.
 */
export function MaintenanceSection({
  pageId,
  timeZone,
  components,
  maintenances,
  canManage,
  actions,
}: {
  pageId: string;
  timeZone: string;
  components: { id: string; name: string }[];
  maintenances: MaintenanceView[];
  canManage: boolean;
  actions: { schedule: FormAction; cancel: FormAction; complete: FormAction };
}) {
  const zoneHint = `In the page's time zone (${timeZone}).`;
  return (
    <div
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="maintenance-section"
    >
      <h2 className="text-sm font-semibold">Scheduled maintenance</h2>
      {maintenances.length === 0 && <p className="text-sm text-slate-500">No maintenance scheduled.</p>}
      <ul className="space-y-3">
        {maintenances.map((m) => (
          <li
            key={m.id}
            className="border-t border-slate-100 pt-3 text-sm first:border-0 dark:border-slate-800"
            data-testid="maintenance-row"
          >
            <p>
              <span className="font-medium">{m.title}</span> · {STATE_LABELS[m.state]}
            </p>
            <p className="text-slate-600 dark:text-slate-400">
              {inZone(m.startsAt, timeZone)} to {inZone(m.endsAt, timeZone)} ·{" "}
              {m.components.map((c) => c.name).join(", ")}
            </p>
            {canManage && (m.state === "scheduled" || m.state === "in_progress") && (
              <div className="mt-2">
                <SettingsForm
                  id={`maintenance-${m.id}`}
                  action={m.state === "scheduled" ? actions.cancel : actions.complete}
                  hidden={{ pageId, maintenanceId: m.id }}
                  fields={[]}
                  submit={m.state === "scheduled" ? "Cancel maintenance" : "End maintenance now"}
                  columns=""
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
          <h3 className="mb-2 text-sm font-medium">Schedule maintenance</h3>
          <SettingsForm
            id="new-maintenance"
            action={actions.schedule}
            hidden={{ pageId }}
            fields={[
              { kind: "text", name: "title", label: "Title", hint: "e.g. Database upgrade." },
              { kind: "datetime-local", name: "startsAt", label: "Starts", hint: zoneHint },
              { kind: "datetime-local", name: "endsAt", label: "Ends", hint: zoneHint },
              {
                kind: "number",
                name: "remindMinutesBefore",
                label: "Remind subscribers (minutes before)",
                value: "60",
                hint: "0 for no reminder.",
              },
              {
                kind: "textarea",
                name: "body",
                label: "What customers read",
                hint: "Markdown: what changes for them, and what to expect.",
              },
              {
                kind: "checkboxes",
                name: "components",
                label: "Components under maintenance",
                options: components.map((c) => ({ value: c.id, label: c.name })),
              },
            ]}
            submit="Schedule maintenance"
          />
        </div>
      )}
    </div>
  );
}
