"use client";

import { useActionState, useState } from "react";
import type { ServiceOption } from "@/lib/catalog/list-catalog";
import type { FormAction } from "@/lib/http/action-state";
import { buttonClass, compactControlClass, secondaryButtonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";
import { ConflictNotice, useEditGuard } from "./use-edit-guard";

/** The affected services as a whole list; the use case records each one added or removed. */
export function ServicesForm({
  incidentId,
  version,
  update,
  selected,
  catalog,
}: {
  incidentId: string;
  version: number;
  update: FormAction;
  selected: string[];
  catalog: ServiceOption[];
}) {
  const [state, action, pending] = useActionState(update, idleState);
  const [extra, setExtra] = useState<string[]>([]);
  const [draft, setDraft] = useState("");
  const guard = useEditGuard(version, selected);
  const options = [...new Set([...catalog.map((s) => s.slug), ...selected, ...extra])].sort();
  const addDraft = () => {
    const slug = draft.trim().toLowerCase();
    if (slug && !options.includes(slug)) setExtra([...extra, slug]);
    setDraft("");
  };
  return (
    <form action={action} className="space-y-2" key={guard.key} {...guard.formProps}>
      <IncidentFields incidentId={incidentId} version={guard.version} />
      <ConflictNotice show={guard.conflict} what="services" />
      <fieldset>
        <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">
          Affected services
        </legend>
        <div className="mt-1 grid max-h-48 grid-cols-1 gap-1 overflow-y-auto pr-1 sm:grid-cols-2 lg:grid-cols-1">
          {options.map((slug) => (
            <label key={slug} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="services"
                value={slug}
                defaultChecked={selected.includes(slug) || extra.includes(slug)}
                className="h-4 w-4 rounded border-slate-300"
              />
              {slug}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex gap-2">
        <label htmlFor="new-service" className="sr-only">
          New service slug
        </label>
        <input
          id="new-service"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="new-service-slug"
          className={compactControlClass}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              addDraft();
            }
          }}
        />
        <button type="button" onClick={addDraft} className={secondaryButtonClass}>
          Add
        </button>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        Save services
      </button>
      <FormMessage state={state} />
    </form>
  );
}
