"use client";

import { Fragment, type ReactNode, useActionState } from "react";
import { buttonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { SEVERITIES, type Severity } from "@/lib/incidents/severity";

type Props = {
  update: FormAction;
  legend: string;
  /** Under the legend, e.g. the fields' unit and bounds. */
  hint?: ReactNode;
  /** One severity's control; the action receives every severity's field by its level ("SEV1"). */
  field: (level: Severity, state: ActionState) => ReactNode;
};

/** A per-severity setting saved as a whole: one field for each severity, one Save. */
export function SeveritySettingsForm({ update, legend, hint, field }: Props) {
  const [state, action, pending] = useActionState(update, idleState);
  return (
    <form action={action} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium">{legend}</legend>
        {hint}
        {SEVERITIES.map((level) => (
          <Fragment key={level}>{field(level, state)}</Fragment>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Save"}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
