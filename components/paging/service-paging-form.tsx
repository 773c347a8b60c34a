"use client";

import { useActionState } from "react";
import {
  buttonClass,
  compactControlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
} from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import { submitWithoutReset } from "./submit-without-reset";
import { SEVERITIES } from "@/lib/incidents/severity";
import type { ServicePagingView } from "@/lib/paging/schemas";

type Props = {
  settings: ServicePagingView;
  policies: { value: string; label: string }[];
  defaultPolicyName: string | null;
  save: FormAction;
};

const errorUnder = (state: ActionState, path: string) =>
  state.status === "error"
    ? Object.entries(state.fieldErrors).find(([key]) => key === path || key.startsWith(`${path}.`))?.[1]
    : undefined;

const summaryOf = (state: ActionState): ActionState =>
  state.status === "error" && Object.keys(state.fieldErrors).length
    ? { ...state, message: "Fix the marked fields; nothing was saved.", fieldErrors: {} }
    : state;

/** How one service is paged: its policy (or the default), which severities are urgent, business hours. */
export function ServicePagingForm({ settings, policies, defaultPolicyName, save }: Props) {
  const [state, action, pending] = useActionState(save, idleState);
  const values = state.status === "error" ? state.values : undefined;
  const slug = settings.service;
  const id = (field: string) => `${slug}-paging-${field}`;
  const errors = {
    policy: errorUnder(state, "policyId"),
    severities: errorUnder(state, "highUrgencySeverities"),
    zone: errorUnder(state, "timeZone"),
    start: errorUnder(state, "businessHoursStart"),
    end: errorUnder(state, "businessHoursEnd"),
  };
  return (
    <form onSubmit={submitWithoutReset(action)} className="space-y-3" aria-label={`Paging of ${slug}`}>
      <input type="hidden" name="slug" value={slug} />
      <div>
        <Label htmlFor={id("policy")}>Escalation policy</Label>
        {/* Keyed by the saved choice: a select takes defaultValue only when mounted, and the form is
            reset to its defaults after every save. */}
        <select
          key={settings.policyId ?? ""}
          id={id("policy")}
          name="policyId"
          defaultValue={values?.policyId ?? settings.policyId ?? ""}
          className={compactControlClass}
          aria-invalid={!!errors.policy}
          aria-describedby={describedBy(id("policy"), { error: errors.policy })}
        >
          <option value="">
            {defaultPolicyName
              ? `The default policy (${defaultPolicyName})`
              : "The default policy (none set: nobody is paged)"}
          </option>
          {policies.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <FieldError id={id("policy")} message={errors.policy} />
      </div>
      <fieldset aria-describedby={describedBy(id("severities"), { hint: true, error: errors.severities })}>
        <legend className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
          High urgency for
        </legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {SEVERITIES.map((severity) => (
            <label key={severity} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name="highUrgencySeverities"
                value={severity}
                defaultChecked={settings.highUrgencySeverities.includes(severity)}
                className="h-4 w-4 rounded border-slate-300"
              />
              {severity}
            </label>
          ))}
        </div>
        <FieldHint id={id("severities")}>Other severities page at low urgency.</FieldHint>
        <FieldError id={id("severities")} message={errors.severities} />
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="lowUrgencyBusinessHoursOnly"
          defaultChecked={settings.lowUrgencyBusinessHoursOnly}
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
        />
        <span>Low urgency escalates past step 1 in business hours only</span>
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <Label htmlFor={id("zone")}>Time zone</Label>
          <input
            id={id("zone")}
            name="timeZone"
            defaultValue={values?.timeZone ?? settings.timeZone}
            maxLength={64}
            placeholder="Europe/Berlin"
            className={compactControlClass}
            aria-invalid={!!errors.zone}
            aria-describedby={describedBy(id("zone"), { error: errors.zone })}
          />
          <FieldError id={id("zone")} message={errors.zone} />
        </div>
        <div>
          <Label htmlFor={id("start")}>Business hours from</Label>
          <input
            id={id("start")}
            name="businessHoursStart"
            type="number"
            min={0}
            max={24}
            step={1}
            defaultValue={values?.businessHoursStart ?? settings.businessHoursStart}
            className={compactControlClass}
            aria-invalid={!!errors.start}
            aria-describedby={describedBy(id("start"), { error: errors.start })}
          />
          <FieldError id={id("start")} message={errors.start} />
        </div>
        <div>
          <Label htmlFor={id("end")}>to (hour)</Label>
          <input
            id={id("end")}
            name="businessHoursEnd"
            type="number"
            min={0}
            max={24}
            step={1}
            defaultValue={values?.businessHoursEnd ?? settings.businessHoursEnd}
            className={compactControlClass}
            aria-invalid={!!errors.end}
            aria-describedby={describedBy(id("end"), { error: errors.end })}
          />
          <FieldError id={id("end")} message={errors.end} />
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        Save paging
      </button>
      <FormMessage state={summaryOf(state)} />
    </form>
  );
}
