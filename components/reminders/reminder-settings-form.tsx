"use client";

import { compactControlClass, errorId, FieldError, hintId } from "@/components/form/field";
import { SeveritySettingsForm } from "@/components/settings/severity-settings-form";
import type { FormAction } from "@/lib/http/action-state";
import { type Severity, severityLabel } from "@/lib/incidents/severity";

/** maxMinutes: the use case's upper bound, stated in the hint. */
type Props = { minutes: Record<Severity, number | null>; maxMinutes: number; update: FormAction };

export function ReminderSettingsForm({ minutes, maxMinutes, update }: Props) {
  return (
    <SeveritySettingsForm
      update={update}
      legend="Remind when an open incident has had no update for"
      hint={
        <p id={hintId("intervals")} className="text-xs text-slate-500 dark:text-slate-400">
          Minutes, 1 to {maxMinutes}. Leave a field empty for no reminder. Only update, action and resolution
          messages count as an update.
        </p>
      }
      field={(level, state) => {
        const id = `interval-${level}`;
        const values = state.status === "error" ? state.values : undefined;
        const error = state.status === "error" ? state.fieldErrors[level] : undefined;
        const saved = minutes[level];
        return (
          <div>
            <div className="flex items-center gap-3">
              <label htmlFor={id} className="w-36 text-sm">
                {severityLabel(level)}
              </label>
              <input
                id={id}
                name={level}
                inputMode="numeric"
                autoComplete="off"
                placeholder="off"
                defaultValue={values?.[level] ?? (saved === null ? "" : String(saved))}
                aria-invalid={error ? true : undefined}
                aria-describedby={[hintId("intervals"), error ? errorId(id) : null].filter(Boolean).join(" ")}
                className={compactControlClass.replace("w-full", "w-24")}
              />
              <span className="text-sm text-slate-500">minutes</span>
            </div>
            <FieldError id={id} message={error} />
          </div>
        );
      }}
    />
  );
}
