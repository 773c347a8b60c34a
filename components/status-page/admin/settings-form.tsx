"use client";

import { useActionState, useState } from "react";
import {
  buttonClass,
  compactControlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { fieldOf, FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";

type Option = { value: string; label: string };
/** A form described as data, so server pages can hand it to this one client component. */
export type FieldSpec =
  | {
      kind: "text" | "url" | "datetime-local" | "number";
      name: string;
      label: string;
      value?: string;
      hint?: string;
      optional?: boolean;
    }
  | { kind: "textarea"; name: string; label: string; value?: string; hint?: string; optional?: boolean }
  | { kind: "select"; name: string; label: string; value?: string; options: Option[]; hint?: string }
  | { kind: "checkbox"; name: string; label: string; checked?: boolean; hint?: string }
  | { kind: "checkboxes"; name: string; label: string; values?: string[]; options: Option[]; hint?: string };

const initial: ActionState = { status: "idle" };

/** The spec with what the user had typed: React resets a form after its action, even a refused one. */
function withDraft(spec: FieldSpec, draft: FormData | null): FieldSpec {
  if (!draft) return spec;
  if (spec.kind === "checkbox") return { ...spec, checked: draft.get(spec.name) === "on" };
  if (spec.kind === "checkboxes") return { ...spec, values: draft.getAll(spec.name).map(String) };
  return { ...spec, value: String(draft.get(spec.name) ?? "") };
}

function Field({ spec, id, error }: { spec: FieldSpec; id: string; error?: string }) {
  const aria = {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, { hint: !!spec.hint, error }),
  };
  const hint = spec.hint && <FieldHint id={id}>{spec.hint}</FieldHint>;
  if (spec.kind === "checkbox")
    return (
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" id={id} name={spec.name} defaultChecked={spec.checked} {...aria} />
          {spec.label}
        </label>
        {hint}
        <FieldError id={id} message={error} />
      </div>
    );
  if (spec.kind === "checkboxes")
    return (
      <fieldset {...aria}>
        <legend className="mb-1.5 text-sm font-medium">{spec.label}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {spec.options.map((option) => (
            <label key={option.value} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name={spec.name}
                value={option.value}
                defaultChecked={spec.values?.includes(option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
        {hint}
        <FieldError id={id} message={error} />
      </fieldset>
    );
  return (
    <div>
      <Label htmlFor={id} optional={"optional" in spec && spec.optional}>
        {spec.label}
      </Label>
      {spec.kind === "select" ? (
        <select id={id} name={spec.name} defaultValue={spec.value} className={compactControlClass} {...aria}>
          {spec.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : spec.kind === "textarea" ? (
        <textarea
          id={id}
          name={spec.name}
          defaultValue={spec.value}
          rows={2}
          className={compactControlClass}
          {...aria}
        />
      ) : (
        <input
          id={id}
          name={spec.name}
          type={spec.kind}
          defaultValue={spec.value}
          className={compactControlClass}
          {...aria}
        />
      )}
      {hint}
      <FieldError id={id} message={error} />
    </div>
  );
}

/**
 * One settings form: its fields, hidden ids, a submit button and, for rows, a second action (delete)
 * sharing the form's values. Errors appear under their field; others as the form's message.
 */
export function SettingsForm({
  id,
  action,
  fields,
  hidden = {},
  submit,
  remove,
  columns = "sm:grid-cols-2",
}: {
  id: string;
  action: FormAction;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submit: string;
  remove?: { action: FormAction; label: string };
  columns?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [removeState, removeAction, removing] = useActionState(remove?.action ?? action, initial);
  const [submitted, setSubmitted] = useState<FormData | null>(null);
  const draft = state.status === "error" ? submitted : null;
  const errors = state.status === "error" ? state.fieldErrors : {};
  const shown = new Set(fields.map((field) => field.name));
  const unplaced = state.status === "error" && !Object.keys(errors).some((path) => shown.has(fieldOf(path)));
  return (
    <form
      action={formAction}
      onSubmit={(event) => setSubmitted(new FormData(event.currentTarget))}
      className="space-y-3"
      noValidate
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Keyed by the saved values: after a save the server's values must show, and an uncontrolled
          select keeps its old choice through a re-render. */}
      <div key={JSON.stringify(fields)} className={`grid gap-3 ${columns}`}>
        {fields.map((spec) => (
          <Field
            key={spec.name}
            spec={withDraft(spec, draft)}
            id={`${id}-${spec.name}`}
            error={Object.entries(errors).find(([path]) => fieldOf(path) === spec.name)?.[1]}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : submit}
        </button>
        {remove && (
          <button
            type="submit"
            formAction={removeAction}
            disabled={removing}
            className={secondaryButtonClass}
          >
            {removing ? "Removing…" : remove.label}
          </button>
        )}
      </div>
      {(state.status === "ok" || unplaced) && <FormMessage state={state} />}
      {removeState.status === "error" && <FormMessage state={removeState} />}
    </form>
  );
}
