"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };

/** Turns a workflow on or off in place (the list and the edit page). */
export function ToggleWorkflowButton({
  id,
  name,
  enabled,
  toggle,
}: {
  id: string;
  name: string;
  enabled: boolean;
  toggle: FormAction;
}) {
  const [state, action, pending] = useActionState(toggle, initial);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <button
        type="submit"
        disabled={pending}
        aria-pressed={enabled}
        aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}
        className={secondaryButtonClass}
      >
        {enabled ? "Enabled" : "Disabled"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function DeleteWorkflowButton({ id, remove }: { id: string; remove: FormAction }) {
  const [state, action, pending] = useActionState(remove, initial);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Delete this workflow and its run log?")) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className={`${secondaryButtonClass} text-red-700 dark:text-red-300`}
      >
        Delete workflow
      </button>
      <FormMessage state={state} />
    </form>
  );
}
