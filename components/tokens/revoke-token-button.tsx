"use client";

import { useActionState } from "react";
import type { ActionState, FormAction } from "@/lib/http/action-state";

const initial: ActionState = { status: "idle" };

export function RevokeTokenButton({
  id,
  name,
  revokeToken,
}: {
  id: string;
  name: string;
  revokeToken: FormAction;
}) {
  const [state, action, pending] = useActionState(revokeToken, initial);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Revoke “${name}”? Integrations using it stop working at once.`))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Revoke ${name}`}
        className="rounded px-2 py-1 text-sm text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-400 disabled:opacity-60 dark:text-red-300 dark:hover:bg-red-950"
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.status === "error" && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
