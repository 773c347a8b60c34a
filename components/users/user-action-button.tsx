"use client";

import { useActionState } from "react";
import { idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

const ACTIONS = {
  disable: {
    label: "Disable",
    pendingLabel: "Disabling…",
    confirm: (name: string) =>
      `Disable ${name}? Their sessions end now and the API tokens they created stop working.`,
  },
  enable: { label: "Enable", pendingLabel: "Enabling…", confirm: null },
  unlock: { label: "Unlock", pendingLabel: "Unlocking…", confirm: null },
} as const;

/** One per-user admin action (disable, enable, unlock) as a small form; refusals show beside it. */
export function UserActionButton({
  kind,
  userId,
  name,
  run,
}: {
  kind: keyof typeof ACTIONS;
  userId: string;
  name: string;
  run: FormAction;
}) {
  const spec = ACTIONS[kind];
  const [state, action, pending] = useActionState(run, idleState);
  return (
    <form
      action={action}
      className="inline-flex items-center gap-2"
      onSubmit={(event) => {
        if (spec.confirm && !window.confirm(spec.confirm(name))) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={userId} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`${spec.label} ${name}`}
        className={`rounded px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 disabled:opacity-60 ${kind === "disable" ? "text-red-700 hover:bg-red-50 focus-visible:ring-red-400 dark:text-red-300 dark:hover:bg-red-950" : "text-slate-700 hover:bg-slate-100 focus-visible:ring-slate-400 dark:text-slate-200 dark:hover:bg-slate-800"}`}
      >
        {pending ? spec.pendingLabel : spec.label}
      </button>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {state.message}
        </span>
      )}
    </form>
  );
}
