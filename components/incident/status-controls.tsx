"use client";

import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import type { Status } from "@/lib/incidents/lifecycle";
import { buttonClass, compactControlClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";
import { ConflictNotice, useEditGuard } from "./use-edit-guard";

const LABEL: Record<Status, (from: Status) => string> = {
  declared: () => "Declared",
  investigating: (from) =>
    from === "resolved"
      ? "Reopen"
      : from === "mitigated"
        ? "Impact returned: investigate"
        : "Start investigating",
  mitigated: () => "Mark mitigated…",
  resolved: () => "Resolve…",
};

const SUMMARY: Partial<Record<Status, { field: string; label: string; hint: string }>> = {
  mitigated: {
    field: "mitigationSummary",
    label: "Mitigation summary",
    hint: "How was user impact reduced? e.g. Rolled back to v2.3.0; error rates back to baseline.",
  },
  resolved: {
    field: "resolutionSummary",
    label: "Resolution summary",
    hint: "What fixed the root cause? e.g. Missing null check fixed in v2.3.2.",
  },
};

/** Offers exactly the moves the state machine allows; mitigated and resolved ask for their summary. */
export function StatusControls({
  incidentId,
  version,
  update,
  status,
  allowed,
  mitigationSuggestion,
}: {
  incidentId: string;
  version: number;
  update: FormAction;
  status: Status;
  allowed: Status[];
  /** Set when every linked alert has resolved: offers Mitigated with this summary pre-filled (never moves by itself). */
  mitigationSuggestion?: string | null;
}) {
  const [target, setTarget] = useState<Status | null>(null);
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const next = await update(previous, form);
    // Keep the summary open when it was refused, so what was typed is not lost.
    if (next.status === "ok") setTarget(null);
    return next;
  }, idleState);
  const guard = useEditGuard(version, status);
  const values = state.status === "error" ? state.values : undefined;
  // After someone else moved the incident, a move that is no longer allowed is not offered again; a
  // summary being written (or handed back) stays, with the conflict shown, so the text is not lost.
  const summary =
    target && (allowed.includes(target) || guard.editing || values?.[SUMMARY[target]?.field ?? ""])
      ? SUMMARY[target]
      : undefined;

  return (
    <form action={action} className="space-y-3" {...guard.formProps}>
      <IncidentFields incidentId={incidentId} version={guard.version} />
      <ConflictNotice show={guard.conflict} what="status" />
      {mitigationSuggestion && allowed.includes("mitigated") && target !== "mitigated" && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <span>All linked alerts have resolved.</span>
          <button type="button" className={secondaryButtonClass} onClick={() => setTarget("mitigated")}>
            Move to Mitigated…
          </button>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {allowed.map((to) =>
          SUMMARY[to] ? (
            <button
              key={to}
              type="button"
              className={secondaryButtonClass}
              aria-expanded={target === to}
              onClick={() => setTarget(target === to ? null : to)}
            >
              {LABEL[to](status)}
            </button>
          ) : (
            <button
              key={to}
              type="submit"
              name="status"
              value={to}
              disabled={pending}
              className={buttonClass}
            >
              {LABEL[to](status)}
            </button>
          ),
        )}
        {allowed.length === 0 && (
          <p className="text-sm text-slate-500">No status change is possible from {status}.</p>
        )}
      </div>
      {summary && target && (
        <div className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <label htmlFor={summary.field} className="block text-sm font-medium">
            {summary.label}
          </label>
          <textarea
            id={summary.field}
            name={summary.field}
            required
            rows={3}
            placeholder={summary.hint}
            defaultValue={
              values?.[summary.field] ??
              (target === "mitigated" ? (mitigationSuggestion ?? undefined) : undefined)
            }
            className={compactControlClass}
            autoFocus
          />
          <div className="flex gap-2">
            <button type="submit" name="status" value={target} disabled={pending} className={buttonClass}>
              {target === "resolved" ? "Resolve incident" : "Mark mitigated"}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setTarget(null);
                guard.end();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormMessage state={state} />
    </form>
  );
}
