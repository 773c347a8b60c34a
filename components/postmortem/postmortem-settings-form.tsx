"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

type Props = { severities: { level: string; name: string; enabled: boolean }[]; update: FormAction };

export function PostmortemSettingsForm({ severities, update }: Props) {
  const [state, action, pending] = useActionState(update, idleState);
  return (
    <form action={action} className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">
          Generate a postmortem automatically on the first resolution of
        </legend>
        {severities.map((s) => (
          <label key={s.level} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={s.level} defaultChecked={s.enabled} />
            {s.level} ({s.name})
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Save"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
