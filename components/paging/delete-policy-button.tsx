"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

export function DeletePolicyButton({ id, name, remove }: { id: string; name: string; remove: FormAction }) {
  const [state, action, pending] = useActionState(remove, idleState);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (
          !window.confirm(
            `Delete the escalation policy “${name}”? Services using it fall back to the default.`,
          )
        )
          event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className={`${secondaryButtonClass} text-red-700 dark:text-red-300`}
      >
        Delete policy
      </button>
      <FormMessage state={state} />
    </form>
  );
}
