"use client";

import { useActionState } from "react";
import { buttonClass, compactControlClass, errorId, FieldError, hintId } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

type Props = { severities: { level: string; name: string; minutes: number | null }[]; update: FormAction };

export function ReminderSettingsForm({ severities, update }: Props) {
  const [state, action, pending] = useActionState(update, idleState);
  const values = state.status === "error" ? state.values : undefined;
  const errorOf = (level: string) => (state.status === "error" ? state.fieldErrors[level] : undefined);
  return (
    <form action={action} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">
          Remind when an open incident has had no update for
        </legend>
        <p id={hintId("intervals")} className="text-xs text-slate-500 dark:text-slate-400">
          Minutes, 1 to 1440. Leave a field empty for no reminder. Only update, action and resolution messages
          count as an update.
        </p>
        {severities.map((s) => {
          const id = `interval-${s.level}`;
          const error = errorOf(s.level);
          return (
            <div key={s.level}>
              <div className="flex items-center gap-3">
                <label htmlFor={id} className="w-36 text-sm">
                  {s.level} ({s.name})
                </label>
                <input
                  id={id}
                  name={s.level}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="off"
                  defaultValue={values?.[s.level] ?? (s.minutes === null ? "" : String(s.minutes))}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[hintId("intervals"), error ? errorId(id) : null]
                    .filter(Boolean)
                    .join(" ")}
                  className={compactControlClass.replace("w-full", "w-24")}
                />
                <span className="text-sm text-slate-500">minutes</span>
              </div>
              <FieldError id={id} message={error} />
            </div>
          );
        })}
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Save"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
