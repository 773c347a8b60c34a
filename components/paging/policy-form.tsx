"use client";

import { useActionState, useState } from "react";
import {
  buttonClass,
  controlClass,
  compactControlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { submitWithoutReset } from "./submit-without-reset";
import type { PolicyView, StepTargetInput } from "@/lib/paging/schemas";

type Option = { value: string; label: string };
type TargetType = StepTargetInput["type"];
type TargetDraft = { key: number; type: TargetType; value: string };
type StepDraft = { key: number; delay: string; targets: TargetDraft[] };

type Props = {
  policy: PolicyView | null;
  people: Option[];
  services: Option[];
  /** Policies a step may hand over to (not this one). */
  policies: Option[];
  save: FormAction<{ id: string }>;
};

const FIELD_OF: Record<TargetType, "userId" | "service" | "policyId"> = {
  user: "userId",
  oncall: "service",
  policy: "policyId",
};
const CHOOSE: Record<TargetType, string> = { user: "a person", oncall: "a service", policy: "a policy" };
const TYPE_LABEL: Record<TargetType, string> = {
  user: "Person",
  oncall: "On call for a service",
  policy: "Another policy",
};

let nextKey = 1;
const key = () => nextKey++;

const toDrafts = (policy: PolicyView | null): StepDraft[] =>
  (policy?.steps.length ? policy.steps : [{ delayMinutes: 15, targets: [] }]).map((step) => ({
    key: key(),
    delay: String(step.delayMinutes),
    targets: (step.targets.length ? step.targets : [{ type: "user", userId: "" } as StepTargetInput]).map(
      (t) => ({
        key: key(),
        type: t.type,
        value: t.type === "user" ? t.userId : t.type === "oncall" ? t.service : t.policyId,
      }),
    ),
  }));

/** Numbers go out as numbers; anything else as typed, so the use case says what is wrong with it. */
const numberOrText = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : text);

const serialise = (steps: StepDraft[]) =>
  JSON.stringify(
    steps.map((step) => ({
      delayMinutes: numberOrText(step.delay),
      targets: step.targets.map((t) => ({ type: t.type, [FIELD_OF[t.type]]: t.value })),
    })),
  );

const smallButton =
  "rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800";

/**
 * Name, description, repeat, default and the ordered steps (minutes to the next step, targets).
 * The use case's field errors (`steps.0.targets.1.userId`) are shown beside the control they name.
 */
export function PolicyForm({ policy, people, services, policies, save }: Props) {
  const [state, action, pending] = useActionState(save, { status: "idle" } as ActionState<{ id: string }>);
  const [steps, setSteps] = useState<StepDraft[]>(() => toDrafts(policy));
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const shown = new Set<string>();
  const err = (...paths: string[]) => {
    for (const path of paths)
      if (errors[path]) {
        shown.add(path);
        return errors[path];
      }
    return undefined;
  };
  const id = (field: string) => `policy-${field}`;
  const optionsOf = (type: TargetType) =>
    type === "user" ? people : type === "oncall" ? services : policies;
  const change = (index: number, update: (step: StepDraft) => StepDraft) =>
    setSteps((list) => list.map((step, i) => (i === index ? update(step) : step)));
  const move = (index: number, by: number) =>
    setSteps((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });

  const nameError = err("name");
  const descriptionError = err("description");
  const repeatError = err("repeat");
  const stepsError = err("steps");
  const stepFields = steps.map((step, i) => ({
    delay: err(`steps.${i}.delayMinutes`),
    step: err(`steps.${i}.targets`, `steps.${i}`),
    targets: step.targets.map((t, j) => {
      const error = err(
        `steps.${i}.targets.${j}.${FIELD_OF[t.type]}`,
        `steps.${i}.targets.${j}.type`,
        `steps.${i}.targets.${j}`,
      );
      // Nothing chosen: the schema's complaint about an empty value's shape would only puzzle.
      return error && t.value === "" ? `Choose ${CHOOSE[t.type]}.` : error;
    }),
  }));
  // Anything the controls above do not show is said in the message under the form.
  const unplaced = Object.entries(errors).filter(([path]) => !shown.has(path));
  const summary: ActionState =
    state.status === "error"
      ? {
          ...state,
          fieldErrors: {},
          message: unplaced.length
            ? unplaced.map(([, message]) => message).join(" ")
            : Object.keys(errors).length
              ? "Fix the marked fields; nothing was saved."
              : state.message,
        }
      : { status: "idle" };

  return (
    <form
      onSubmit={submitWithoutReset(action)}
      className="space-y-5"
      aria-label={policy ? `Edit ${policy.name}` : "New escalation policy"}
    >
      {policy && (
        <>
          <input type="hidden" name="id" value={policy.id} />
          <input type="hidden" name="version" value={policy.version} />
        </>
      )}
      <input type="hidden" name="steps" value={serialise(steps)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor={id("name")}>Name</Label>
          <input
            id={id("name")}
            name="name"
            required
            maxLength={100}
            defaultValue={values?.name ?? policy?.name ?? ""}
            className={controlClass}
            aria-invalid={!!nameError}
            aria-describedby={describedBy(id("name"), { error: nameError })}
          />
          <FieldError id={id("name")} message={nameError} />
        </div>
        <div>
          <Label htmlFor={id("repeat")}>Repeat the steps</Label>
          <input
            id={id("repeat")}
            name="repeat"
            type="number"
            min={0}
            max={9}
            step={1}
            defaultValue={values?.repeat ?? policy?.repeat ?? 0}
            className={controlClass}
            aria-invalid={!!repeatError}
            aria-describedby={describedBy(id("repeat"), { hint: true, error: repeatError })}
          />
          <FieldHint id={id("repeat")}>
            Times the whole list runs again while nobody acknowledges (0–9).
          </FieldHint>
          <FieldError id={id("repeat")} message={repeatError} />
        </div>
      </div>
      <div>
        <Label htmlFor={id("description")} optional>
          Description
        </Label>
        <textarea
          id={id("description")}
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={values?.description ?? policy?.description ?? ""}
          className={controlClass}
          aria-invalid={!!descriptionError}
          aria-describedby={describedBy(id("description"), { error: descriptionError })}
        />
        <FieldError id={id("description")} message={descriptionError} />
      </div>
      <div className="flex items-start gap-2">
        <input
          id={id("default")}
          name="isDefault"
          type="checkbox"
          defaultChecked={values ? values.isDefault === "on" : (policy?.isDefault ?? false)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
          aria-describedby={describedBy(id("default"), { hint: true })}
        />
        <div>
          <label htmlFor={id("default")} className="text-sm font-medium">
            Default policy
          </label>
          <FieldHint id={id("default")}>
            Used by services that name no policy; only one policy is the default.
          </FieldHint>
        </div>
      </div>

      <fieldset className="space-y-3" aria-describedby={describedBy(id("steps"), { error: stepsError })}>
        <legend className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          Steps, in order
        </legend>
        <FieldError id={id("steps")} message={stepsError} />
        <ol className="space-y-3">
          {steps.map((step, i) => {
            // Ids by position (keys differ between the server's render and the browser's).
            const sid = (field: string) => id(`step-${i}-${field}`);
            const label = `Step ${i + 1}`;
            return (
              <li
                key={step.key}
                className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
                aria-label={label}
                data-step={i + 1}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="text-sm font-semibold">{label}</h3>
                  <div className="flex gap-1">
                    <button
                      type="button"
                      className={smallButton}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={`Move ${label.toLowerCase()} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={smallButton}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={`Move ${label.toLowerCase()} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={smallButton}
                      disabled={steps.length === 1}
                      onClick={() => setSteps((list) => list.filter((s) => s.key !== step.key))}
                      aria-label={`Remove ${label.toLowerCase()}`}
                    >
                      Remove
                    </button>
                  </div>
                </div>
                <div className="mt-2 space-y-2">
                  {step.targets.map((target, j) => {
                    const tid = (field: string) => sid(`target-${j}-${field}`);
                    const error = stepFields[i].targets[j];
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
                              change(i, (s) => ({
                                ...s,
                                targets: s.targets.map((t) =>
                                  t.key === target.key
                                    ? { ...t, type: e.target.value as TargetType, value: "" }
                                    : t,
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
                              change(i, (s) => ({
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
                              change(i, (s) => ({
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
                  <FieldError id={sid("targets")} message={stepFields[i].step} />
                  <button
                    type="button"
                    className={`${secondaryButtonClass} px-2 py-1 text-xs`}
                    onClick={() =>
                      change(i, (s) => ({
                        ...s,
                        targets: [...s.targets, { key: key(), type: "user", value: "" }],
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
                    onChange={(e) => change(i, (s) => ({ ...s, delay: e.target.value }))}
                    className={compactControlClass}
                    aria-invalid={!!stepFields[i].delay}
                    aria-describedby={describedBy(sid("delay"), { error: stepFields[i].delay })}
                  />
                  <FieldError id={sid("delay")} message={stepFields[i].delay} />
                </div>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={steps.length >= 10}
          onClick={() =>
            setSteps((list) => [
              ...list,
              { key: key(), delay: "15", targets: [{ key: key(), type: "user", value: "" }] },
            ])
          }
        >
          Add step
        </button>
      </fieldset>
      <div>
        <button type="submit" disabled={pending} className={buttonClass}>
          {policy ? "Save policy" : "Create policy"}
        </button>
        <FormMessage state={summary} />
      </div>
    </form>
  );
}
