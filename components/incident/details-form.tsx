"use client";

import { useActionState } from "react";
import { MarkdownField } from "@/components/form/markdown-field";
import type { EnvironmentOption } from "@/lib/catalog/list-catalog";
import { datetimeLocalFromUtc } from "@/lib/datetime-local";
import type { FormAction } from "@/lib/http/action-state";
import { buttonClass, compactControlClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import { IncidentFields } from "./incident-fields";
import { ConflictNotice, useEditGuard } from "./use-edit-guard";

type Props = {
  incidentId: string;
  version: number;
  update: FormAction;
  title: string;
  description: string;
  environment: string;
  impactStartedAt: string;
  environments: EnvironmentOption[];
};

/** Title, description, environment and impact start; shows fresh values unless the reader is editing (useEditGuard). */
export function DetailsForm({
  incidentId,
  version,
  update,
  title,
  description,
  environment,
  impactStartedAt,
  environments,
}: Props) {
  const [state, action, pending] = useActionState(update, idleState);
  const errors = state.status === "error" ? state.fieldErrors : {};
  // After a refusal (even a conflict) keep what was typed; the rest of the page shows the fresh state.
  const typed = state.status === "error" ? state.values : undefined;
  const guard = useEditGuard(version, { title, description, environment, impactStartedAt });
  return (
    <form action={action} className="space-y-3" key={guard.key} {...guard.formProps}>
      <IncidentFields incidentId={incidentId} version={guard.version} />
      <ConflictNotice show={guard.conflict} what="details" />
      <div>
        <label htmlFor="edit-title" className="block text-sm font-medium">
          Title
        </label>
        <input
          id="edit-title"
          name="title"
          defaultValue={typed?.title ?? title}
          required
          className={`mt-1 ${compactControlClass}`}
          aria-invalid={!!errors.title}
        />
      </div>
      <MarkdownField
        id="edit-description"
        name="description"
        label="Description"
        rows={5}
        defaultValue={typed?.description ?? description}
        error={errors.description}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="edit-environment" className="block text-sm font-medium">
            Environment
          </label>
          <select
            id="edit-environment"
            name="environment"
            defaultValue={environment}
            className={`mt-1 ${compactControlClass}`}
          >
            {environments.map((env) => (
              <option key={env.slug} value={env.slug}>
                {env.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="edit-impact" className="block text-sm font-medium">
            Impact started (UTC)
          </label>
          <input type="hidden" name="impactStartedAtShown" value={datetimeLocalFromUtc(impactStartedAt)} />
          <input
            id="edit-impact"
            name="impactStartedAt"
            type="datetime-local"
            defaultValue={datetimeLocalFromUtc(impactStartedAt)}
            className={`mt-1 ${compactControlClass}`}
            aria-invalid={!!errors.impactStartedAt}
          />
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        Save details
      </button>
      <FormMessage state={state} />
    </form>
  );
}
