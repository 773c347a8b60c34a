"use client";

import { useActionState } from "react";
import { compactControlClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { STATUS_LABELS } from "@/lib/action-items/schemas";
import type { FormAction } from "@/lib/http/action-state";

/** The item's state: the one thing that stays editable after its postmortem is published. */
export function ActionItemStatus({
  id,
  incidentId,
  title,
  status,
  update,
  disabled,
}: {
  id: number;
  incidentId: string;
  title: string;
  status: string;
  update: FormAction;
  disabled?: boolean;
}) {
  const [state, action, pending] = useActionState(update, idleState);
  return (
    <form action={action} className="flex items-center gap-1.5">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <label htmlFor={`ai-status-${id}`} className="sr-only">
        Status of {title}
      </label>
      <select
        id={`ai-status-${id}`}
        name="status"
        defaultValue={status}
        disabled={disabled}
        className={compactControlClass.replace("w-full", "w-auto")}
      >
        {Object.entries(STATUS_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {!disabled && (
        <button
          type="submit"
          disabled={pending}
          className={secondaryButtonClass}
          aria-label={`Save status of ${title}`}
        >
          Save
        </button>
      )}
      <FormMessage state={state.status === "ok" ? idleState : state} />
    </form>
  );
}
