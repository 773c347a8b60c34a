"use client";

import { useActionState } from "react";
import { secondaryButtonClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import type { PreviewView } from "@/lib/workflows/schemas";

const initial: ActionState<PreviewView> = { status: "idle" };

/** "Test against the last 50": which recent events of the trigger the condition would match; runs nothing. */
export function PreviewPanel({
  trigger,
  condition,
  preview,
}: {
  trigger: string;
  condition: string;
  preview: FormAction<PreviewView>;
}) {
  const [state, action, pending] = useActionState(preview, initial);
  return (
    <form
      action={action}
      className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
      aria-label="Preview"
    >
      <input type="hidden" name="trigger" value={trigger} />
      <input type="hidden" name="condition" value={condition} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Testing…" : "Test against the last 50"}
      </button>
      {state.status === "ok" && (
        <div role="status" className="mt-3 text-sm" data-testid="preview-result">
          {state.data.sampled === 0 ? (
            <p>No recent {state.data.trigger} events to test against.</p>
          ) : (
            <>
              <p className="font-medium">
                {state.data.matched} of the last {state.data.sampled} {state.data.trigger} events match.
              </p>
              <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto text-xs">
                {state.data.items.map((item) => (
                  <li
                    key={item.key}
                    className={item.matched ? "text-emerald-800 dark:text-emerald-300" : "text-slate-500"}
                  >
                    {item.matched ? "✓ matches" : "· no match"} — {item.label}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {state.status === "error" && <FormMessage state={state} />}
    </form>
  );
}
