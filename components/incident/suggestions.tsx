"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import type { Suggestion } from "@/lib/incidents/list-suggestions";
import { formatUtc } from "@/lib/format";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";

const TYPE_LABELS: Record<string, string> = {
  alert: "Alert",
  error_group: "Error group",
  release: "Release",
  trace: "Trace",
};

function SuggestionItem({
  incidentId,
  suggestion,
  canEdit,
  addLink,
}: {
  incidentId: string;
  suggestion: Suggestion;
  canEdit: boolean;
  addLink: FormAction;
}) {
  const [state, action, pending] = useActionState(addLink, idleState);
  return (
    <li className="flex items-start justify-between gap-2 py-1.5" data-suggestion={suggestion.targetId}>
      <div className="min-w-0">
        <p className="truncate text-sm">
          <span className="text-xs text-slate-500">{TYPE_LABELS[suggestion.type]} · </span>
          {suggestion.label}
        </p>
        <p className="text-[11px] text-slate-500">
          {suggestion.detail} · {formatUtc(suggestion.at)}
        </p>
      </div>
      {canEdit && (
        <form action={action}>
          <IncidentFields incidentId={incidentId} />
          <input type="hidden" name="type" value={suggestion.type} />
          <input type="hidden" name="targetId" value={suggestion.targetId} />
          <button
            type="submit"
            disabled={pending}
            aria-label={`Link ${TYPE_LABELS[suggestion.type].toLowerCase()} ${suggestion.label}`}
            className="rounded border border-slate-200 px-2 text-xs hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Link
          </button>
          <FormMessage state={state} />
        </form>
      )}
    </li>
  );
}

/** Error groups and releases of the affected services that began shortly before the impact; one click links each. */
export function Suggestions({
  incidentId,
  suggestions,
  canEdit,
  addLink,
  windowMinutes,
}: {
  incidentId: string;
  suggestions: Suggestion[];
  canEdit: boolean;
  addLink: FormAction;
  windowMinutes: number;
}) {
  return (
    <div>
      <p className="text-xs text-slate-500">
        Began on the affected services within {windowMinutes} minutes before the impact started.
      </p>
      {suggestions.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">Nothing new in that window.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {suggestions.map((s) => (
            <SuggestionItem
              key={`${s.type}:${s.targetId}`}
              incidentId={incidentId}
              suggestion={s}
              canEdit={canEdit}
              addLink={addLink}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
