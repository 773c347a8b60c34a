"use client";

import { useActionState, useState } from "react";
import {
  buttonClass,
  controlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import {
  CHOOSE,
  FIELD_OF,
  type Option,
  PolicyStepEditor,
  type StepDraft,
  type TargetType,
} from "./policy-step-editor";
import { submitWithoutReset } from "./submit-without-reset";
import type { PolicyView, StepTargetInput } from "@/lib/paging/schemas";

type Props = {
  policy: PolicyView | null;
  people: Option[];
  services: Option[];
  /** Policies a step may hand over to (not this one). */
  policies: Option[];
  save: FormAction<{ id: string }>;
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
  const ackTimeoutError = err("ackTimeoutMinutes");
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
        <div>
          <Label htmlFor={id("ack-timeout")} optional>
            Acknowledgement timeout (minutes)
          </Label>
          <input
            id={id("ack-timeout")}
            name="ackTimeoutMinutes"
            type="number"
            min={1}
            max={1440}
            step={1}
            defaultValue={values?.ackTimeoutMinutes ?? policy?.ackTimeoutMinutes ?? ""}
            className={controlClass}
            aria-invalid={!!ackTimeoutError}
            aria-describedby={describedBy(id("ack-timeout"), { hint: true, error: ackTimeoutError })}
          />
          <FieldHint id={id("ack-timeout")}>
            An acknowledged page not resolved after this long is paged again from step 1. Empty: never.
          </FieldHint>
          <FieldError id={id("ack-timeout")} message={ackTimeoutError} />
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
          {steps.map((step, i) => (
            <PolicyStepEditor
              key={step.key}
              step={step}
              index={i}
              count={steps.length}
              errors={stepFields[i]}
              optionsOf={optionsOf}
              idOf={(field) => id(`step-${i}-${field}`)}
              change={(update) => change(i, update)}
              move={(by) => move(i, by)}
              remove={() => setSteps((list) => list.filter((s) => s.key !== step.key))}
              newKey={key}
            />
          ))}
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
