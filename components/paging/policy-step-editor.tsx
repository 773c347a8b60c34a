"use client";

import {
  compactControlClass,
  describedBy,
  FieldError,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import type { StepTargetInput } from "@/lib/paging/schemas";

export type Option = { value: string; label: string };
export type TargetType = StepTargetInput["type"];
export type TargetDraft = { key: number; type: TargetType; value: string };
export type StepDraft = { key: number; delay: string; targets: TargetDraft[] };

export const FIELD_OF: Record<TargetType, "userId" | "service" | "policyId"> = {
  user: "userId",
  oncall: "service",
  policy: "policyId",
};
export const CHOOSE: Record<TargetType, string> = {
  user: "a person",
  oncall: "a service",
  policy: "a policy",
};
export const TYPE_LABEL: Record<TargetType, string> = {
  user: "Person",
  oncall: "On call for a service",
  policy: "Another policy",
};

const smallButton =
  "rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800";

export type StepErrors = { delay?: string; step?: string; targets: (string | undefined)[] };

/** One step of the policy editor: its targets (type, then who), order controls, and its delay. */
export function PolicyStepEditor({
  step,
  index,
  count,
  errors,
  optionsOf,
  idOf: sid,
  change,
  move,
  remove,
  newKey,
}: {
  step: StepDraft;
  index: number;
  count: number;
  errors: StepErrors;
  optionsOf: (type: TargetType) => Option[];
  /** Ids by position (keys differ between the server's render and the browser's). */
  idOf: (field: string) => string;
  change: (update: (step: StepDraft) => StepDraft) => void;
  move: (by: number) => void;
  remove: () => void;
  newKey: () => number;
}) {
  const label = `Step ${index + 1}`;
  return (
    <li
      className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
      aria-label={label}
      data-step={index + 1}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{label}</h3>
        <div className="flex gap-1">
          <button
            type="button"
            className={smallButton}
            disabled={index === 0}
            onClick={() => move(-1)}
            aria-label={`Move ${label.toLowerCase()} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className={smallButton}
            disabled={index === count - 1}
            onClick={() => move(1)}
            aria-label={`Move ${label.toLowerCase()} down`}
          >
            ↓
          </button>
          <button
            type="button"
            className={smallButton}
            disabled={count === 1}
            onClick={remove}
            aria-label={`Remove ${label.toLowerCase()}`}
          >
            Remove
          </button>
        </div>
      </div>
      <div className="mt-2 space-y-2">
        {step.targets.map((target, j) => {
          const tid = (field: string) => sid(`target-${j}-${field}`);
          const error = errors.targets[j];
          const options = optionsOf(target.type);
          return (
            <div key={target.key} data-target={j + 1}>
              <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
                <label htmlFor={tid("type")} className="sr-only">
                  {`${label}, target ${j + 1}: type`}
                </label>
                <select
                  id={tid("type")}
                  value={target.type}
                  onChange={(e) =>
                    change((s) => ({
                      ...s,
                      targets: s.targets.map((t) =>
                        t.key === target.key ? { ...t, type: e.target.value as TargetType, value: "" } : t,
                      ),
                    }))
                  }
                  className={`${compactControlClass} sm:w-52`}
                >
                  {(Object.keys(TYPE_LABEL) as TargetType[]).map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABEL[type]}
                    </option>
                  ))}
                </select>
                <label htmlFor={tid("value")} className="sr-only">
                  {`${label}, target ${j + 1}: ${TYPE_LABEL[target.type].toLowerCase()}`}
                </label>
                <select
                  id={tid("value")}
                  value={target.value}
                  onChange={(e) =>
                    change((s) => ({
                      ...s,
                      targets: s.targets.map((t) =>
                        t.key === target.key ? { ...t, value: e.target.value } : t,
                      ),
                    }))
                  }
                  className={`${compactControlClass} min-w-0 flex-1`}
                  aria-invalid={!!error}
                  aria-describedby={describedBy(tid("value"), { error })}
                >
                  <option value="">Choose…</option>
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                  {target.value && !options.some((o) => o.value === target.value) && (
                    <option value={target.value}>{target.value}</option>
                  )}
                </select>
                <button
                  type="button"
                  className={smallButton}
                  onClick={() =>
                    change((s) => ({
                      ...s,
                      targets: s.targets.filter((t) => t.key !== target.key),
                    }))
                  }
                  aria-label={`Remove target ${j + 1} of ${label.toLowerCase()}`}
                >
                  Remove
                </button>
              </div>
              <FieldError id={tid("value")} message={error} />
            </div>
          );
        })}
        <FieldError id={sid("targets")} message={errors.step} />
        <button
          type="button"
          className={`${secondaryButtonClass} px-2 py-1 text-xs`}
          onClick={() =>
            change((s) => ({
              ...s,
              targets: [...s.targets, { key: newKey(), type: "user", value: "" }],
            }))
          }
        >
          Add target to {label.toLowerCase()}
        </button>
      </div>
      <div className="mt-3 max-w-xs">
        <Label htmlFor={sid("delay")}>{`${label}: minutes to the next step`}</Label>
        <input
          id={sid("delay")}
          type="number"
          min={1}
          max={1440}
          step={1}
          value={step.delay}
          onChange={(e) => change((s) => ({ ...s, delay: e.target.value }))}
          className={compactControlClass}
          aria-invalid={!!errors.delay}
          aria-describedby={describedBy(sid("delay"), { error: errors.delay })}
        />
        <FieldError id={sid("delay")} message={errors.delay} />
      </div>
    </li>
  );
}
